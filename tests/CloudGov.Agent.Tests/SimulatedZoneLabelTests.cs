using CloudGov.Agent.Providers;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.Agent.Tests;

/// <summary>The simulated zone's workloads carry labels: cloud tags, intent for a third of them, a placement's own.</summary>
public sealed class SimulatedZoneLabelTests
{
    private static readonly DateTimeOffset Monday10Beijing = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    internal static AgentOptions Options(int seed = 7, int workloads = 120, string plane = "EGovExtranet", string region = "450100") => new()
    {
        ZoneId = "gx-sim",
        Zone = new ZoneSettings { MlpsLevel = 3, CpuOvercommit = 1.5, RegionCode = region, NetworkPlane = plane },
        Simulation = new SimulationSettings { Seed = seed, Cores = 400, Workloads = workloads, PeakLoad = 0.6, Tenants = ["nn-rsj", "nn-wjw", "nn-gaj"] },
    };

    private static async Task<IReadOnlyList<WorkloadReport>> SeededAsync(AgentOptions options) =>
        (await new SimulatedZoneProvider(options, new FakeTimeProvider(Monday10Beijing)).ObserveAsync(Monday10Beijing, CancellationToken.None)).Workloads;

    private static bool DeclaresIntent(WorkloadReport w) => w.Labels.Keys.Any(k => k.StartsWith("cloudgov.io/", StringComparison.Ordinal));

    [Test]
    public async Task Observe_SeededZone_EveryWorkloadCarriesItsCloudTags()
    {
        var workloads = await SeededAsync(Options());

        Assert.That(workloads, Is.Not.Empty);
        Assert.That(workloads.Select(w => w.Labels["owner-dept"]), Is.EqualTo(workloads.Select(w => w.TenantId)));
        Assert.That(workloads.Select(w => w.Labels["env"]).Distinct(), Is.SubsetOf(new[] { "prod", "staging", "test" }));
        Assert.That(workloads.Count(w => w.Labels["env"] == "prod"), Is.GreaterThan(workloads.Count / 2), "most workloads are production");
        Assert.That(workloads.GroupBy(w => w.System).Select(g => g.Select(w => w.Labels["app"]).Distinct().Count()), Is.All.EqualTo(1), "a system's resources share one app tag");
        Assert.That(workloads.Select(w => w.Labels["app"]).Distinct().Count(), Is.EqualTo(workloads.Select(w => w.System).Distinct().Count()).And.GreaterThan(5), "each system has its own app tag");
        Assert.That(workloads.Where(w => w.System == "社保核心").Select(w => w.Labels["app"]), Is.All.EqualTo("social-security"));
    }

    [Test]
    public async Task Observe_SeededZone_OneThirdDeclareIntentTheirZoneSatisfies()
    {
        var options = Options(workloads: 120);
        options.Simulation.Cores = 2000;
        var workloads = await SeededAsync(options);

        var declaring = workloads.Where(DeclaresIntent).ToList();
        Assert.That(workloads, Has.Count.EqualTo(120));
        Assert.That(declaring, Has.Count.EqualTo(40));
        foreach (var w in declaring)
        {
            Assert.That(w.Labels["cloudgov.io/tenant"], Is.EqualTo(w.TenantId));
            Assert.That(w.Labels["cloudgov.io/system"], Is.EqualTo(w.System));
            Assert.That(w.Labels["cloudgov.io/mlps-level"], Is.EqualTo(((int)w.MlpsLevel).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(w.Labels["cloudgov.io/allowed-regions"], Is.EqualTo("4501"));
            Assert.That(w.Labels["cloudgov.io/network-plane"], Is.EqualTo("egov-extranet"));
        }

        Assert.That(declaring.Select(w => w.Labels["cloudgov.io/mlps-level"]).Distinct(), Is.EquivalentTo(new[] { "2", "3" }));
    }

    [Test]
    public async Task Observe_SameSeed_SameWorkloadsDeclareIntent_AnotherSeedChoosesOthers()
    {
        var first = (await SeededAsync(Options(seed: 7))).Where(DeclaresIntent).Select(w => w.WorkloadId).ToList();
        var again = (await SeededAsync(Options(seed: 7))).Where(DeclaresIntent).Select(w => w.WorkloadId).ToList();
        var other = (await SeededAsync(Options(seed: 8))).Where(DeclaresIntent).Select(w => w.WorkloadId[^4..]).ToList();

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EquivalentTo(first.Select(id => id[^4..])), "the seed chooses which workloads declare intent");
    }

    [TestCase("Internet", "internet")]
    [TestCase("EGovIntranet", "egov-intranet")]
    [TestCase("egovextranet", "egov-extranet")]
    public async Task Observe_ZonePlane_IntentDeclaresThatPlane(string zonePlane, string expected)
    {
        var workloads = await SeededAsync(Options(plane: zonePlane, region: "450000"));

        var declaring = workloads.Where(DeclaresIntent).ToList();
        Assert.That(declaring.Select(w => w.Labels["cloudgov.io/network-plane"]).Distinct(), Is.EqualTo(new[] { expected }));
        Assert.That(declaring.Select(w => w.Labels["cloudgov.io/allowed-regions"]).Distinct(), Is.EqualTo(new[] { "4500" }));
    }

    [Test]
    public async Task Observe_ZoneWithoutRegionCode_IntentOmitsAllowedRegions()
    {
        var workloads = await SeededAsync(Options(region: string.Empty));

        var declaring = workloads.Where(DeclaresIntent).ToList();
        Assert.That(declaring, Is.Not.Empty);
        Assert.That(declaring.Any(w => w.Labels.ContainsKey("cloudgov.io/allowed-regions")), Is.False, "no region is declared rather than a wrong one");
    }

    [Test]
    public async Task Execute_Place_WorkloadCarriesExactlyTheCommandsLabels()
    {
        var provider = new SimulatedZoneProvider(Options(workloads: 10), new FakeTimeProvider(Monday10Beijing));
        var spec = Spec("placed-1");
        spec.Labels.Add("cloudgov.io/tenant", "nn-dsj");
        spec.Labels.Add("cloudgov.io/network-plane", "egov-extranet");
        spec.Labels.Add("team", "数据局");

        var result = await provider.ExecuteAsync(new Command { CommandId = "c1", Kind = CommandKind.Place, Workload = spec }, CancellationToken.None);
        var one = (await provider.ObserveAsync(Monday10Beijing, CancellationToken.None)).Workloads.Single(w => w.WorkloadId == "placed-1");
        var two = (await provider.ObserveAsync(Monday10Beijing.AddMinutes(5), CancellationToken.None)).Workloads.Single(w => w.WorkloadId == "placed-1");

        Assert.That(result.Succeeded, Is.True, result.Message);
        Assert.That(one.Labels, Is.EquivalentTo(spec.Labels), "no cloud tags are added to a placed workload");
        Assert.That(one.Labels.Keys, Is.EqualTo(new[] { "cloudgov.io/network-plane", "cloudgov.io/tenant", "team" }), "reported in key order");
        Assert.That(two.Labels, Is.EqualTo(one.Labels), "every report carries them");
    }

    [Test]
    public async Task Execute_PlaceWithoutLabels_WorkloadHasNone()
    {
        var provider = new SimulatedZoneProvider(Options(workloads: 10), new FakeTimeProvider(Monday10Beijing));

        await provider.ExecuteAsync(new Command { CommandId = "c1", Kind = CommandKind.Place, Workload = Spec("bare") }, CancellationToken.None);
        var bare = (await provider.ObserveAsync(Monday10Beijing, CancellationToken.None)).Workloads.Single(w => w.WorkloadId == "bare");

        Assert.That(bare.Labels, Is.Empty);
    }

    [Test]
    public async Task Execute_PlaceWithLabelsTheGatewayWouldReject_RefusedAndNothingChanges()
    {
        var provider = new SimulatedZoneProvider(Options(workloads: 10), new FakeTimeProvider(Monday10Beijing));
        var many = Spec("many-labels");
        for (int i = 0; i < 33; i++)
        {
            many.Labels.Add($"k{i}", "v");
        }

        var badValue = Spec("bad-value");
        badValue.Labels.Add("env", "prod\nforged");

        var tooMany = await provider.ExecuteAsync(new Command { CommandId = "c1", Kind = CommandKind.Place, Workload = many }, CancellationToken.None);
        var control = await provider.ExecuteAsync(new Command { CommandId = "c2", Kind = CommandKind.Place, Workload = badValue }, CancellationToken.None);

        Assert.That(tooMany.Succeeded, Is.False);
        Assert.That(tooMany.Message, Does.Contain("many-labels").And.Contain("33 labels; at most 32"));
        Assert.That(control.Succeeded, Is.False);
        Assert.That(control.Message, Does.Contain("label 'env'"));
        Assert.That(provider.Holds("many-labels") || provider.Holds("bad-value"), Is.False, "a workload whose labels would make every report of the zone rejected is not placed");
    }

    internal static WorkloadSpec Spec(string id) => new()
    {
        WorkloadId = id,
        TenantId = "nn-dsj",
        System = "一网通办",
        Requests = new ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 50 },
        MlpsLevel = MlpsLevel._3,
    };
}
