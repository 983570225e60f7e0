using CloudGov.Baselines.Evaluation;
using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Placement;
using CloudGov.Scheduling.Scores;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.Baselines;

/// <summary>On a fake clock: an approved waiver lifts enforcement and quarantine until its expiry, and not a moment longer.</summary>
public sealed class BaselineWaiverExpiryTests
{
    private static readonly ZoneDescriptor Descriptor = new("测试", AdministrativeLevel.City, "450102", "v", ProviderKind.Simulated, MlpsLevel.Level3, NetworkPlane.EGovExtranet, 1, 1, ImmutableDictionary<string, string>.Empty, "1");

    private static readonly ImmutableArray<PostureFact> Unencrypted =
    [
        new("audit.log_retention_days", "180"), new("audit.logging", "enabled"), new("data.location.country", "CN"), new("infra.location.country", "CN"),
        new("network.management_separated", "true"), new("network.world_open_ports", "443"), new("patch.max_age_days", "3"), new("platform.mlps_certificate", "valid"),
        new("pool.dedicated", "true"), new("ssh.password_auth", "disabled"), new("storage.encryption_at_rest", "disabled"),
    ];

    [Test]
    public void Placement_WaiverUntilExpiry_Level3AdmittedBeforeRefusedAfter()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var verdict = ZoneBaselineEffect.Evaluate(new BaselineEvaluator(BaselinePack.BuiltIn()), "z1", Descriptor, Unencrypted, connected: true, clock.GetUtcNow());
        var waiver = new ZoneWaiver("w-000000000001", "encryption-at-rest", clock.GetUtcNow().AddHours(2));
        var state = ZoneBaselineEffect.Apply(new ZoneState { Descriptor = Descriptor, Status = ZoneStatus.Ready, BaselineWaivers = [waiver] }, verdict, clock.GetUtcNow());
        var summary = new ZoneSummary("z1", Descriptor, state.Status, new ResourceVector(100_000, 400_000, 10_000), ResourceVector.Zero, ResourceVector.Zero, 0, true, clock.GetUtcNow(), 1, clock.GetUtcNow())
        {
            BaselineBlocks = ZoneBaselineEffect.Blocks(state, clock.GetUtcNow()),
        };

        Assert.That(Place(summary, clock.GetUtcNow(), MlpsLevel.Level3).ZoneId, Is.EqualTo("z1"), "waived");
        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.That(Place(summary, clock.GetUtcNow(), MlpsLevel.Level3).ZoneId, Is.EqualTo("z1"), "a second before expiry");
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = Place(summary, clock.GetUtcNow(), MlpsLevel.Level3);
        Assert.That(after.ZoneId, Is.Null, "at expiry the rule is enforced again");
        Assert.That(after.Rejections.Single().Reasons.Select(r => r.English), Has.Some.Contains("encryption-at-rest"));
        Assert.That(Place(summary, clock.GetUtcNow(), MlpsLevel.Level2).ZoneId, Is.EqualTo("z1"), "level 2 was never blocked");
    }

    [Test]
    public void Apply_QuarantineRuleWaivedUntilExpiry_QuarantinedOnlyAfterExpiryAndLiftedOnResolution()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var evaluator = new BaselineEvaluator(BaselinePack.BuiltIn());
        var open = Unencrypted.Select(f => f.Key == "network.world_open_ports" ? new PostureFact(f.Key, "22,443") : f).ToImmutableArray();
        var verdict = ZoneBaselineEffect.Evaluate(evaluator, "z1", Descriptor, open, connected: true, clock.GetUtcNow());
        var state = new ZoneState { Descriptor = Descriptor, Status = ZoneStatus.Ready, BaselineWaivers = [new ZoneWaiver("w-000000000002", "no-world-open-mgmt-ports", clock.GetUtcNow().AddMinutes(30))] };

        var waived = ZoneBaselineEffect.Apply(state, verdict, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(30));
        var expired = ZoneBaselineEffect.Apply(waived, verdict, clock.GetUtcNow());
        var resolved = ZoneBaselineEffect.Apply(expired, ZoneBaselineEffect.Evaluate(evaluator, "z1", Descriptor, Unencrypted, connected: true, clock.GetUtcNow()), clock.GetUtcNow());

        Assert.That(waived.Status, Is.EqualTo(ZoneStatus.Ready));
        Assert.That(expired.Status, Is.EqualTo(ZoneStatus.Quarantined));
        Assert.That(expired.QuarantineRuleId, Is.EqualTo("no-world-open-mgmt-ports"));
        Assert.That(resolved.Status, Is.EqualTo(ZoneStatus.Ready));
        Assert.That(resolved.QuarantineRuleId, Is.Null);
    }

    [Test]
    public void Apply_DrainingZoneViolatesQuarantineRule_StaysDraining()
    {
        var open = Unencrypted.Select(f => f.Key == "network.world_open_ports" ? new PostureFact(f.Key, "3389") : f).ToImmutableArray();
        var now = DateTimeOffset.UnixEpoch;
        var verdict = ZoneBaselineEffect.Evaluate(new BaselineEvaluator(BaselinePack.BuiltIn()), "z1", Descriptor, open, connected: true, now);

        var state = ZoneBaselineEffect.Apply(new ZoneState { Descriptor = Descriptor, Status = ZoneStatus.Draining }, verdict, now);

        Assert.That(state.Status, Is.EqualTo(ZoneStatus.Draining));
    }

    private static PlacementResult Place(ZoneSummary summary, DateTimeOffset now, MlpsLevel level)
    {
        var zone = SnapshotMapper.ToZone(summary, now, TimeSpan.FromDays(1), 0.8);
        var engine = new PlacementEngine(FilterPipeline.CreateDefault(new SchedulingOptions()), ScoreSet.CreateDefault(new SchedulingOptions()));
        return engine.Place(CloudSnapshot.Create([zone], []), new WorkloadSnapshot
        {
            Id = "w",
            TenantId = "t",
            Requests = new ResourceVector(1000, 1024, 10),
            RequiredLevel = level,
            NetworkPlane = NetworkPlane.EGovExtranet,
            AllowedRegions = [],
        });
    }
}
