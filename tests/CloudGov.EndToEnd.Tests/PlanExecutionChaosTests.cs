using CloudGov.Agent;
using CloudGov.Agent.Providers;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;
using Microsoft.Extensions.Configuration;
using CloudGov.Testing.Identity;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// Chaos: one plan of 500+ moves carried out by real agents while placements randomly fail, commands take random
/// time and agents are restarted at random. Every change every zone makes is journaled in order; replaying the
/// journal proves no workload was ever running nowhere, and at the end every workload is in exactly one zone.
/// </summary>
public sealed class PlanExecutionChaosTests
{
    private const int HotZones = 4;
    private const int ColdZones = 2;

    [Test]
    [CancelAfter(300_000)]
    public async Task FiveHundredMoves_RandomFailuresDelaysAndAgentRestarts_NoWorkloadEverNowhere_EachEndsInExactlyOneZone(CancellationToken cancellationToken)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.250",
            ["Zones:StalenessWindow"] = "00:00:10",
            ["Zones:StateFlushInterval"] = "00:00:01",
            ["Zones:IndexPublishInterval"] = "00:00:00.250",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Plans:Execution:PollInterval"] = "00:00:00.100",
            ["Plans:Execution:MoveTimeout"] = "00:00:05",
            ["Plans:Execution:MaxConcurrentMoves"] = "48",
            ["Plans:Execution:MaxConcurrentMovesPerZone"] = "12",
        });
        var journal = new Journal();
        var zones = new List<ChaosZone>();
        for (int i = 0; i < HotZones + ColdZones; i++)
        {
            bool hot = i < HotZones;
            var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, hot ? $"gx-chaos-hot-{i}" : $"gx-chaos-cold-{i}", workloads: hot ? 2_000 : 0);
            settings["Agent:Simulation:Cores"] = hot ? "800" : "2400";
            settings["Agent:Simulation:Shape"] = "s";
            if (hot)
            {
                // ~380 small workloads fill 95% of the zone's storage; a 0.5 target makes ~180 of them move.
                settings["Agent:Zone:Labels:cloudgov.io/target-utilization"] = "0.5";
            }

            settings["Agent:Simulation:Seed"] = (100 + i).ToString();
            settings["Agent:Simulation:PlaceFailureRate"] = "0.08";
            settings["Agent:Simulation:CommandJitter"] = "00:00:00.300";
            zones.Add(await ChaosZone.StartAsync(settings, journal));
        }

        try
        {
            var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
            await Eventually.HoldsAsync(
                async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Count(z => z.ZoneId.StartsWith("gx-chaos-", StringComparison.Ordinal) && z.Status == CloudGov.Proto.Common.V1.ZoneStatus.Ready) == zones.Count
                    && (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Where(z => z.ZoneId.StartsWith("gx-chaos-hot", StringComparison.Ordinal)).All(z => z.WorkloadCount > 0),
                "every zone to report");
            var initial = zones.SelectMany(z => z.Provider.WorkloadIds()).ToHashSet(StringComparer.Ordinal);
            journal.Start(zones.ToDictionary(z => z.ZoneId, z => (IReadOnlyCollection<string>)z.Provider.WorkloadIds()));

            var plan = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
            Assert.That(plan.Moves, Has.Count.GreaterThanOrEqualTo(500), "the scenario must produce a plan of 500+ moves");
            await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = plan.PlanId, Reason = "chaos drill" }, TestTokens.As("chaos"));

            using var stopChaos = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var chaos = RestartAgentsAtRandomAsync(zones, stopChaos.Token);
            await Eventually.HoldsAsync(
                async () => (await operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId })).Plan.State is PlanState.Completed or PlanState.PartiallyFailed,
                "the plan to end",
                TimeSpan.FromMinutes(4));
            await stopChaos.CancelAsync();
            int restarts = await chaos;

            var done = (await operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId })).Plan;
            var byState = done.Moves.GroupBy(m => m.State).ToDictionary(g => g.Key, g => g.Count());
            TestContext.Out.WriteLine($"{done.Moves.Count} moves: {string.Join(", ", byState.Select(kv => $"{kv.Key} {kv.Value}"))}; {restarts} agent restarts; {journal.Count} zone changes");
            Assert.That(journal.Violations, Is.Empty, "replaying every zone change in order: a workload was running nowhere");
            Assert.That(byState.GetValueOrDefault(MoveState.Completed), Is.GreaterThan(done.Moves.Count / 2), "most moves complete despite the chaos");
            Assert.That(byState.GetValueOrDefault(MoveState.RolledBack), Is.GreaterThan(0), "the injected placement failures must have been exercised");
            Assert.That(restarts, Is.GreaterThan(0));

            var holders = initial.ToDictionary(w => w, w => zones.Where(z => z.Provider.Holds(w)).Select(z => z.ZoneId).ToList(), StringComparer.Ordinal);
            Assert.That(holders.Where(h => h.Value.Count != 1).Select(h => $"{h.Key}: [{string.Join(",", h.Value)}]"), Is.Empty, "every workload ends in exactly one zone");
            Assert.That(zones.SelectMany(z => z.Provider.WorkloadIds()).ToHashSet(StringComparer.Ordinal).SetEquals(initial), Is.True, "no workload lost, none made up");
            foreach (var move in done.Moves)
            {
                string expected = move.State == MoveState.Completed ? move.ToZoneId : move.FromZoneId;
                Assert.That(holders[move.WorkloadId], Is.EqualTo(new[] { expected }), $"move {move.Index} {move.WorkloadId} {move.State}: {move.Message}");
            }
        }
        finally
        {
            foreach (var zone in zones)
            {
                await zone.DisposeAsync();
            }
        }
    }

    private static async Task<int> RestartAgentsAtRandomAsync(IReadOnlyList<ChaosZone> zones, CancellationToken cancellationToken)
    {
        var random = new Random(20261123);
        int restarts = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 2_000)), cancellationToken);
                var zone = zones[random.Next(zones.Count)];
                await zone.RestartAgentAsync(TimeSpan.FromMilliseconds(random.Next(0, 1_500)));
                restarts++;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return restarts;
    }

    /// <summary>A zone (its simulated cloud) and its current agent; the agent can be restarted, the zone stays.</summary>
    private sealed class ChaosZone : IAsyncDisposable
    {
        private readonly Dictionary<string, string?> _settings;
        private AgentProcess? _agent;

        private ChaosZone(Dictionary<string, string?> settings, SimulatedZoneProvider provider)
        {
            _settings = settings;
            Provider = provider;
        }

        public string ZoneId => _settings["Agent:ZoneId"]!;

        public SimulatedZoneProvider Provider { get; }

        public static async Task<ChaosZone> StartAsync(Dictionary<string, string?> settings, Journal journal)
        {
            var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(AgentOptions.SectionName).Get<AgentOptions>()!;
            var provider = new SimulatedZoneProvider(options, TimeProvider.System);
            provider.Changed += journal.Record;
            var zone = new ChaosZone(settings, provider);
            zone._agent = await AgentProcess.StartAsync(settings, provider);
            return zone;
        }

        public async Task RestartAgentAsync(TimeSpan downFor)
        {
            if (_agent is { } agent)
            {
                _agent = null;
                await agent.DisposeAsync();
            }

            await Task.Delay(downFor);
            _agent = await AgentProcess.StartAsync(_settings, Provider);
        }

        public async ValueTask DisposeAsync()
        {
            if (_agent is { } agent)
            {
                _agent = null;
                await agent.DisposeAsync();
            }
        }
    }

    /// <summary>Every zone change in the order it happened, checked as it arrives: a workload must always be somewhere.</summary>
    private sealed class Journal
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, HashSet<string>> _where = new(StringComparer.Ordinal);
        private bool _started;

        public List<string> Violations { get; } = [];

        public int Count { get; private set; }

        public void Start(IReadOnlyDictionary<string, IReadOnlyCollection<string>> holdings)
        {
            lock (_gate)
            {
                foreach (var (zone, workloads) in holdings)
                {
                    foreach (var w in workloads)
                    {
                        Where(w).Add(zone);
                    }
                }

                _started = true;
            }
        }

        public void Record(string zone, CommandKind kind, string workload)
        {
            lock (_gate)
            {
                if (!_started)
                {
                    return;
                }

                Count++;
                var where = Where(workload);
                if (kind == CommandKind.Place)
                {
                    where.Add(zone);
                }
                else
                {
                    where.Remove(zone);
                    if (where.Count == 0)
                    {
                        Violations.Add($"change {Count}: {workload} removed from {zone} while running nowhere else");
                    }
                }
            }
        }

        private HashSet<string> Where(string workload)
        {
            if (!_where.TryGetValue(workload, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                _where[workload] = set;
            }

            return set;
        }
    }
}
