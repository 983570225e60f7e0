using System.Collections.Concurrent;
using System.Diagnostics;
using CloudGov.Agent.Providers;
using CloudGov.Proto.Agent.V1;

namespace CloudGov.Moves.Benchmarks;

/// <summary>The real simulated zone, timing its own work on each command: what the provider spends, not the control plane.</summary>
internal sealed class TimingProvider(SimulatedZoneProvider zone) : IZoneProvider
{
    private readonly ConcurrentDictionary<string, TimeSpan> _spent = new(StringComparer.Ordinal);

    public CloudGov.Proto.Common.V1.ProviderKind Kind => zone.Kind;

    /// <summary>How long the provider took to carry out each command, by command id.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Spent => _spent;

    public ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken) => zone.ObserveAsync(now, cancellationToken);

    public async ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await zone.ExecuteAsync(command, cancellationToken);
        }
        finally
        {
            _spent.AddOrUpdate(command.CommandId, watch.Elapsed, (_, earlier) => earlier + watch.Elapsed);
        }
    }
}
