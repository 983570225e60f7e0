using CloudGov.Agent.Providers;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.Agent.Tests;

public sealed class SimulatedZoneProviderTests
{
    private static readonly DateTimeOffset Monday10Beijing = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static AgentOptions Options(int seed = 7, int workloads = 120) => new()
    {
        ZoneId = "gx-sim",
        Zone = new ZoneSettings { MlpsLevel = 3, CpuOvercommit = 1.5 },
        Simulation = new SimulationSettings { Seed = seed, Cores = 400, Workloads = workloads, PeakLoad = 0.6, Tenants = ["a", "b", "c"] },
    };

    [Test]
    public async Task Observe_SameSeedAndTime_GivesTheSameZone()
    {
        var time = new FakeTimeProvider(Monday10Beijing);
        var one = await new SimulatedZoneProvider(Options(), time).ObserveAsync(Monday10Beijing, CancellationToken.None);
        var two = await new SimulatedZoneProvider(Options(), time).ObserveAsync(Monday10Beijing, CancellationToken.None);

        Assert.That(two.Usage, Is.EqualTo(one.Usage));
        Assert.That(two.Workloads.Select(w => w.WorkloadId), Is.EqualTo(one.Workloads.Select(w => w.WorkloadId)));
    }

    [Test]
    public async Task Observe_RealisticZone_RequestsFitOvercommitAndUsageWithinCapacity()
    {
        var time = new FakeTimeProvider(Monday10Beijing);
        var zone = await new SimulatedZoneProvider(Options(workloads: 500), time).ObserveAsync(Monday10Beijing, CancellationToken.None);

        long requested = zone.Workloads.Sum(w => w.Requests.CpuMillicores);
        Assert.That(zone.Workloads.Count, Is.InRange(20, 500));
        Assert.That(requested, Is.LessThanOrEqualTo((long)(zone.Capacity.CpuMillicores * 1.5)));
        Assert.That(zone.Usage.CpuMillicores, Is.LessThanOrEqualTo(zone.Capacity.CpuMillicores));
        Assert.That(zone.Workloads.Select(w => w.TenantId).Distinct().Count(), Is.EqualTo(3), "workloads of several departments");
    }

    [Test]
    public void Diurnal_WorkdayPeak_IsWellAboveNightAndWeekend()
    {
        double peak = SimulatedZoneProvider.Diurnal(Monday10Beijing);
        double night = SimulatedZoneProvider.Diurnal(Monday10Beijing.AddHours(-7));
        double saturday = SimulatedZoneProvider.Diurnal(Monday10Beijing.AddDays(5));

        Assert.That(peak, Is.GreaterThan(night * 2.5));
        Assert.That(saturday, Is.LessThan(peak));
    }

    [Test]
    public async Task Execute_PlaceThenRemove_ChangesTheZoneAndIsIdempotent()
    {
        var time = new FakeTimeProvider(Monday10Beijing);
        var provider = new SimulatedZoneProvider(Options(workloads: 20), time);
        var spec = new WorkloadSpec { WorkloadId = "moved-in", TenantId = "a", System = "电子证照", Requests = new ResourceVector { CpuMillicores = 8000, MemoryMib = 16384, StorageGib = 100 }, MlpsLevel = MlpsLevel._2 };
        var before = await provider.ObserveAsync(Monday10Beijing, CancellationToken.None);

        var placed = await provider.ExecuteAsync(new Command { CommandId = "c1", Kind = CommandKind.Place, Workload = spec }, CancellationToken.None);
        await provider.ExecuteAsync(new Command { CommandId = "c2", Kind = CommandKind.Place, Workload = spec }, CancellationToken.None);
        var during = await provider.ObserveAsync(Monday10Beijing, CancellationToken.None);
        await provider.ExecuteAsync(new Command { CommandId = "c3", Kind = CommandKind.Remove, Workload = spec }, CancellationToken.None);
        var after = await provider.ObserveAsync(Monday10Beijing, CancellationToken.None);

        Assert.That(placed.Succeeded, Is.True);
        Assert.That(during.Workloads.Count(w => w.WorkloadId == "moved-in"), Is.EqualTo(1));
        Assert.That(during.Usage.CpuMillicores, Is.GreaterThan(before.Usage.CpuMillicores));
        Assert.That(after.Workloads.Select(w => w.WorkloadId), Is.EqualTo(before.Workloads.Select(w => w.WorkloadId)));
    }

    [Test]
    public async Task Execute_PlacementThatDoesNotFit_RefusedAndNothingChanges()
    {
        var time = new FakeTimeProvider(Monday10Beijing);
        var provider = new SimulatedZoneProvider(Options(workloads: 500), time);
        var huge = new WorkloadSpec { WorkloadId = "too-big", TenantId = "a", Requests = new ResourceVector { CpuMillicores = 400_000, MemoryMib = 1024, StorageGib = 10 }, MlpsLevel = MlpsLevel._2 };
        var changes = new List<string>();
        provider.Changed += (_, kind, id) => changes.Add($"{kind} {id}");

        var result = await provider.ExecuteAsync(new Command { CommandId = "c1", Kind = CommandKind.Place, Workload = huge }, CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.Contain("no room for too-big"));
        Assert.That(provider.Holds("too-big"), Is.False);
        Assert.That(changes, Is.Empty);
    }

    [Test]
    public async Task Execute_PlacementWithoutTenantOrWithNegativeRequests_RefusedAndNothingChanges()
    {
        var provider = new SimulatedZoneProvider(Options(workloads: 10), new FakeTimeProvider(Monday10Beijing));
        var noTenant = new WorkloadSpec { WorkloadId = "no-tenant", Requests = new ResourceVector { CpuMillicores = 1000, MemoryMib = 1024 }, MlpsLevel = MlpsLevel._2 };
        var negative = new WorkloadSpec { WorkloadId = "negative", TenantId = "a", Requests = new ResourceVector { CpuMillicores = -1000, MemoryMib = 1024 }, MlpsLevel = MlpsLevel._2 };

        var first = await provider.ExecuteAsync(new Command { CommandId = "c1", Kind = CommandKind.Place, Workload = noTenant }, CancellationToken.None);
        var second = await provider.ExecuteAsync(new Command { CommandId = "c2", Kind = CommandKind.Place, Workload = negative }, CancellationToken.None);

        Assert.That((first.Succeeded, second.Succeeded), Is.EqualTo((false, false)));
        Assert.That(first.Message, Does.Contain("cannot create no-tenant: it needs a tenant"));
        Assert.That(provider.Holds("no-tenant") || provider.Holds("negative"), Is.False, "the zone's reports would be rejected with them in it");
    }

    [Test]
    public async Task Execute_FailureRateOne_EveryPlacementFails_RemovesStillWork_ChangesAreAnnounced()
    {
        var options = Options(workloads: 10);
        options.Simulation.PlaceFailureRate = 1;
        var provider = new SimulatedZoneProvider(options, new FakeTimeProvider(Monday10Beijing));
        var changes = new List<string>();
        provider.Changed += (zone, kind, id) => changes.Add($"{zone} {kind} {id}");
        string existing = provider.WorkloadIds()[0];
        var spec = new WorkloadSpec { WorkloadId = "new-one", TenantId = "a", Requests = new ResourceVector { CpuMillicores = 1000, MemoryMib = 1024, StorageGib = 10 }, MlpsLevel = MlpsLevel._2 };

        var place = await provider.ExecuteAsync(new Command { CommandId = "p", Kind = CommandKind.Place, Workload = spec }, CancellationToken.None);
        var remove = await provider.ExecuteAsync(new Command { CommandId = "r", Kind = CommandKind.Remove, Workload = new WorkloadSpec { WorkloadId = existing } }, CancellationToken.None);
        await provider.ExecuteAsync(new Command { CommandId = "r2", Kind = CommandKind.Remove, Workload = new WorkloadSpec { WorkloadId = existing } }, CancellationToken.None);

        Assert.That((place.Succeeded, place.Message), Is.EqualTo((false, "simulated provisioning failure in zone gx-sim")));
        Assert.That(remove.Succeeded, Is.True);
        Assert.That(changes, Is.EqualTo(new[] { $"gx-sim Remove {existing}" }), "a repeated remove changes nothing and announces nothing");
    }

    [Test]
    public void Options_BadFaultDrillSettings_Refused()
    {
        var options = Options();
        options.Simulation.PlaceFailureRate = 1.5;
        options.Simulation.CommandDelay = TimeSpan.FromHours(1);
        options.Simulation.Shape = "huge";

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Has.Some.Contains("PlaceFailureRate"));
        Assert.That(result.Failures, Has.Some.Contains("CommandDelay"));
        Assert.That(result.Failures, Has.Some.Contains("Shape 'huge'"));
    }
}
