using System.Diagnostics;
using Grpc.Core;
using CloudGov.Proto.Operations.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Burst.Benchmarks;

/// <summary>
/// Calls <c>ListZones</c> back to back (one at a time, as an operator's dashboard would) and records each latency, and
/// the moment the answer first showed every expected zone Ready, connected and at the expected sequence.
/// </summary>
internal sealed class LatencySampler(OperationsService.OperationsServiceClient operations, int zones, ulong sequence)
{
    private readonly List<double> _milliseconds = [];

    /// <summary>Every latency, in the order measured.</summary>
    public IReadOnlyList<double> Milliseconds => _milliseconds;

    /// <summary>When (on <see cref="RunAsync"/>'s clock) an answer first showed every zone Ready; null if none did.</summary>
    public TimeSpan? AllReadyAt { get; private set; }

    /// <summary>Calls that failed, with their status and how long they took.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Bytes of the last answer.</summary>
    public int LastAnswerBytes { get; private set; }

    /// <summary>Samples until <paramref name="stop"/> is true or, if <paramref name="untilReady"/>, until every zone is Ready.</summary>
    public async Task RunAsync(Stopwatch clock, Func<bool> stop, bool untilReady, TimeSpan limit)
    {
        while (!stop() && clock.Elapsed < limit)
        {
            var watch = Stopwatch.StartNew();
            ListZonesResponse answer;
            try
            {
                answer = await operations.ListZonesAsync(new ListZonesRequest(), deadline: DateTime.UtcNow.AddMinutes(2));
            }
            catch (RpcException ex)
            {
                // A failed call counts with the time it took to fail, and is reported.
                _milliseconds.Add(watch.Elapsed.TotalMilliseconds);
                Errors.Add($"{ex.StatusCode} after {watch.Elapsed.TotalSeconds:F1} s");
                continue;
            }

            _milliseconds.Add(watch.Elapsed.TotalMilliseconds);
            LastAnswerBytes = answer.CalculateSize();
            int ready = answer.Zones.Count(z => z.Status == Common.ZoneStatus.Ready && z.AgentConnected && z.LastSequence == sequence);
            if (ready == zones && AllReadyAt is null)
            {
                AllReadyAt = clock.Elapsed;
                if (untilReady)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The <paramref name="quantile"/> (0–1) of <paramref name="samples"/>, nearest rank.</summary>
    public static double Quantile(IReadOnlyList<double> samples, double quantile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        int rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
