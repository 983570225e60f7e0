using System.Diagnostics;
using System.Globalization;
using CloudGov.Proto.Operations.V1;
using Grpc.Net.Client;

namespace CloudGov.Burst.Benchmarks;

/// <summary>
/// The operator's side of a run in its own process (<c>--sampler &lt;grpc address&gt; &lt;zones&gt;</c>, the operator token in <see cref="TokenVariable"/>), as an operator's
/// dashboard is: its calls then wait only for the host, not behind the thousand client-side TLS handshakes and agent
/// streams that the benchmark's own process runs. Driven line by line on stdin by <see cref="SamplerProcess"/>:
/// it warms up for a second and says <c>warm</c>; <c>rest</c> samples for 5 s; <c>burst &lt;sequence&gt;</c> samples
/// until every zone is Ready at that sequence. Each phase answers <c>ms &lt;latency&gt;</c> lines, then
/// <c>ready &lt;seconds&gt;</c> (if reached), <c>bytes &lt;n&gt;</c>, <c>error &lt;text&gt;</c> lines and <c>done</c>.
/// </summary>
internal static class SamplerChild
{
    /// <summary>The environment variable that hands the child the parent's operator token (the signing key is the parent's).</summary>
    public const string TokenVariable = "CLOUDGOV_BURST_OPERATOR_TOKEN";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(Uri grpcAddress, int zones)
    {
        string token = Environment.GetEnvironmentVariable(TokenVariable) ?? throw new InvalidOperationException($"{TokenVariable} is not set");
        using var channel = CloudGov.Testing.Identity.TestTokens.Channel(grpcAddress, token, options: new GrpcChannelOptions { MaxReceiveMessageSize = 256 * 1024 * 1024 });
        var operations = new OperationsService.OperationsServiceClient(channel);
        var warm = new LatencySampler(operations, zones, sequence: 1);
        var warmClock = Stopwatch.StartNew();
        await warm.RunAsync(warmClock, () => warmClock.Elapsed > TimeSpan.FromSeconds(1), untilReady: false, Limit);
        if (warm.Errors.Count == warm.Milliseconds.Count)
        {
            Console.WriteLine($"failed: every warm-up call failed ({string.Join(", ", warm.Errors.Take(3))})");
            return 1;
        }

        Console.WriteLine("warm");

        while (Console.ReadLine() is { } command)
        {
            var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            LatencySampler sampler;
            var clock = Stopwatch.StartNew();
            switch (parts)
            {
                case ["rest"]:
                    sampler = new LatencySampler(operations, zones, sequence: 1);
                    await sampler.RunAsync(clock, () => clock.Elapsed > BurstBenchmark.RestSampling, untilReady: false, Limit);
                    break;
                case ["burst", var sequence]:
                    sampler = new LatencySampler(operations, zones, ulong.Parse(sequence, CultureInfo.InvariantCulture));
                    await sampler.RunAsync(clock, () => false, untilReady: true, Limit);
                    break;
                default:
                    Console.WriteLine("done");
                    return 0;
            }

            foreach (double ms in sampler.Milliseconds)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ms {ms:R}"));
            }

            if (sampler.AllReadyAt is { } ready)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {ready.TotalSeconds:R}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes {sampler.LastAnswerBytes}"));
            foreach (string error in sampler.Errors)
            {
                Console.WriteLine($"error {error}");
            }

            Console.WriteLine("done");
        }

        return 0;
    }
}
