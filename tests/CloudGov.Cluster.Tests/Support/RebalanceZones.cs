using System.Globalization;
using CloudGov.Agent;
using CloudGov.Agent.Providers;
using CloudGov.Proto.Agent.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using PlanProto = CloudGov.Proto.Operations.V1.Plan;
using MoveStateProto = CloudGov.Proto.Operations.V1.MoveState;
using ZoneStatusProto = CloudGov.Proto.Common.V1.ZoneStatus;

namespace CloudGov.Cluster.Tests.Support;

/// <summary>
/// A hot zone (filled to 95% with small workloads on 120 cores) and a cold one (5 workloads on 400 cores, slow
/// commands) with real agents (in process), so a rebalance plan moves several workloads hot → cold (9 with these
/// seeds). The simulated clouds outlive any control-plane host; every change they make is journaled in order, so a
/// test can prove no workload was ever running nowhere and each ends in exactly one zone.
/// </summary>
internal sealed class RebalanceZones : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<string>> _where = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private readonly List<AgentProcess> _agents = [];
    private HashSet<string> _initial = new(StringComparer.Ordinal);

    private RebalanceZones(string hot, string cold, SimulatedZoneProvider hotProvider, SimulatedZoneProvider coldProvider)
    {
        Hot = hot;
        Cold = cold;
        HotProvider = hotProvider;
        ColdProvider = coldProvider;
    }

    /// <summary>The hot zone's id.</summary>
    public string Hot { get; }

    /// <summary>The cold zone's id.</summary>
    public string Cold { get; }

    /// <summary>The hot zone's cloud.</summary>
    public SimulatedZoneProvider HotProvider { get; }

    /// <summary>The cold zone's cloud.</summary>
    public SimulatedZoneProvider ColdProvider { get; }

    /// <summary>Every time a remove left a workload in no zone, in words (empty when all is well).</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>
    /// Builds both clouds and starts their agents; the hot agent rotates through <paramref name="hotAddresses"/>, the
    /// cold one through <paramref name="coldAddresses"/>. The cold zone carries out each command in
    /// <paramref name="coldCommandDelay"/>, so a plan takes long enough to be interrupted.
    /// </summary>
    public static async Task<RebalanceZones> StartAsync(string prefix, IReadOnlyList<Uri> hotAddresses, IReadOnlyList<Uri> coldAddresses, TimeSpan coldCommandDelay)
    {
        var hotSettings = Settings($"{prefix}-hot", hotAddresses, workloads: 400, cores: 120, seed: 42);
        hotSettings["Agent:Simulation:Shape"] = "s";
        var coldSettings = Settings($"{prefix}-cold", coldAddresses, workloads: 5, cores: 400, seed: 7);
        coldSettings["Agent:Simulation:CommandDelay"] = coldCommandDelay.ToString("c");
        var zones = new RebalanceZones($"{prefix}-hot", $"{prefix}-cold", Provider(hotSettings), Provider(coldSettings));
        zones.Journal();
        try
        {
            zones._agents.Add(await AgentProcess.StartAsync(hotSettings, zones.HotProvider));
            zones._agents.Add(await AgentProcess.StartAsync(coldSettings, zones.ColdProvider));
        }
        catch
        {
            await zones.DisposeAsync();
            throw;
        }

        return zones;
    }

    /// <summary>Waits until <paramref name="channel"/>'s host lists both zones Ready with their workloads.</summary>
    public async Task WaitUntilReportedAsync(GrpcChannel channel) =>
        await Eventually.HoldsAsync(
            async () => (await Operations.ListZonesAsync(channel, TimeSpan.FromSeconds(2))).Zones.Count(z =>
                (z.ZoneId == Hot || z.ZoneId == Cold) && z.WorkloadCount > 0 && z.Status == ZoneStatusProto.Ready
                && z.WorkloadsByLedgerState.Values.Sum() >= z.WorkloadCount) == 2,
            $"{Hot} and {Cold} listed Ready with their workloads, every one of them in the ledger (plans are made from the ledger, which zones sync off the report path)",
            TimeSpan.FromSeconds(60));

    /// <summary>The zones holding <paramref name="workloadId"/> now.</summary>
    public IReadOnlyList<string> Holders(string workloadId) =>
        [.. Zones().Where(z => z.Provider.Holds(workloadId)).Select(z => z.ZoneId)];

    /// <summary>
    /// What is wrong with where the workloads are after <paramref name="plan"/> ended, one line each (empty when all is
    /// well): a move's workload not in exactly its expected zone (Completed → target; RolledBack or Skipped → source),
    /// a workload in two zones or none, anything lost or made up, or a moment a workload ran nowhere.
    /// </summary>
    public List<string> Problems(PlanProto plan)
    {
        var problems = new List<string>();
        foreach (var move in plan.Moves)
        {
            string? expected = move.State switch
            {
                MoveStateProto.Completed => move.ToZoneId,
                MoveStateProto.RolledBack or MoveStateProto.Skipped => move.FromZoneId,
                _ => null,
            };
            var holders = Holders(move.WorkloadId);
            if (expected is null)
            {
                problems.Add($"move {move.Index} {move.WorkloadId} did not finish: {move.State} ({move.Message})");
            }
            else if (holders.Count != 1 || holders[0] != expected)
            {
                problems.Add($"move {move.Index} {move.WorkloadId} {move.State} should be in {expected} only, is in [{string.Join(", ", holders)}] ({move.Message})");
            }
        }

        var hot = HotProvider.WorkloadIds().ToHashSet(StringComparer.Ordinal);
        var cold = ColdProvider.WorkloadIds().ToHashSet(StringComparer.Ordinal);
        problems.AddRange(hot.Intersect(cold).Order(StringComparer.Ordinal).Select(w => $"{w} is in both zones"));
        var union = hot.Union(cold).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(_initial.Except(union).Order(StringComparer.Ordinal).Select(w => $"{w} was lost (in no zone)"));
        problems.AddRange(union.Except(_initial).Order(StringComparer.Ordinal).Select(w => $"{w} was made up (in no zone at the start)"));
        problems.AddRange(Violations);
        return problems;
    }

    /// <summary>Stops both agents; the clouds stay as they are.</summary>
    public async ValueTask DisposeAsync()
    {
        var agents = _agents.ToArray();
        _agents.Clear();
        await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
    }

    private (string ZoneId, SimulatedZoneProvider Provider)[] Zones() => [(Hot, HotProvider), (Cold, ColdProvider)];

    private static Dictionary<string, string?> Settings(string zoneId, IReadOnlyList<Uri> addresses, int workloads, int cores, int seed)
    {
        var settings = AgentProcess.ZoneSettings(addresses[0], zoneId, workloads);
        for (int i = 0; i < addresses.Count; i++)
        {
            settings[$"Agent:ControlPlaneAddresses:{i}"] = addresses[i].ToString();
        }

        settings["Agent:Simulation:Cores"] = cores.ToString(CultureInfo.InvariantCulture);
        settings["Agent:Simulation:Seed"] = seed.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    private static SimulatedZoneProvider Provider(Dictionary<string, string?> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(AgentOptions.SectionName).Get<AgentOptions>()!;
        return new SimulatedZoneProvider(options, TimeProvider.System);
    }

    /// <summary>Records the starting holdings and checks every later change as it happens, in order.</summary>
    private void Journal()
    {
        lock (_gate)
        {
            foreach (var (zone, provider) in Zones())
            {
                foreach (var workload in provider.WorkloadIds())
                {
                    Where(workload).Add(zone);
                }
            }

            _initial = [.. _where.Keys];
        }

        HotProvider.Changed += Record;
        ColdProvider.Changed += Record;
    }

    private void Record(string zone, CommandKind kind, string workload)
    {
        lock (_gate)
        {
            var where = Where(workload);
            if (kind == CommandKind.Place)
            {
                where.Add(zone);
            }
            else if (kind == CommandKind.Remove && where.Remove(zone) && where.Count == 0 && _initial.Contains(workload))
            {
                _violations.Add($"{workload} ran nowhere after {zone} removed it");
            }
        }
    }

    private HashSet<string> Where(string workload)
    {
        if (!_where.TryGetValue(workload, out var zones))
        {
            zones = new HashSet<string>(StringComparer.Ordinal);
            _where[workload] = zones;
        }

        return zones;
    }
}
