using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using CloudGov.Baselines.Evaluation;
using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grains.Baselines;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.Domain;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Placement;
using CloudGov.Scheduling.Scores;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

// Security-baseline benchmark (see the README's "Security baselines"). Hard cases: a fifth of the zones violate a rule
// (level-3-only, level-4-only, every level, quarantine), 1% of workloads run above their zone's level, 2% are rogue
// (unmanaged), and residency spans two provinces; placements ask for every level so blocked zones are refused and explained.
const int ZoneCount = 200;
const int WorkloadCount = 100_000;
const int Placements = 20_000;
var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
var evaluator = new BaselineEvaluator(BaselinePack.BuiltIn());
var random = new Random(20261201);

string[] violations = ["encryption-at-rest", "level4-dedicated-pool", "mlps-certificate-valid", "no-world-open-mgmt-ports", "patch-age", "audit-log-retention"];
var (violatingKey, violatingValue) = (new Dictionary<string, (string, string)>
{
    ["encryption-at-rest"] = ("storage.encryption_at_rest", "disabled"),
    ["level4-dedicated-pool"] = ("pool.dedicated", "false"),
    ["mlps-certificate-valid"] = ("platform.mlps_certificate", "expired"),
    ["no-world-open-mgmt-ports"] = ("network.world_open_ports", "22,443"),
    ["patch-age"] = ("patch.max_age_days", "90"),
    ["audit-log-retention"] = ("audit.log_retention_days", "30"),
}, 0);

var zones = new List<ZoneDetail>(ZoneCount);
for (int z = 0; z < ZoneCount; z++)
{
    var posture = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["infra.location.country"] = "CN", ["data.location.country"] = "CN", ["pool.dedicated"] = "true", ["network.management_separated"] = "true",
        ["storage.encryption_at_rest"] = "enabled", ["network.world_open_ports"] = "443", ["audit.logging"] = "enabled", ["audit.log_retention_days"] = "180",
        ["patch.max_age_days"] = "7", ["platform.mlps_certificate"] = "valid", ["ssh.password_auth"] = "disabled",
    };
    if (z % 5 == 0)
    {
        var (key, value) = violatingKey[violations[(z / 5) % violations.Length]];
        posture[key] = value;
    }

    var provider = (z % 10) switch { 1 => ProviderKind.AwsEc2, 2 => ProviderKind.Kubernetes, 3 => ProviderKind.Azure, _ => ProviderKind.Simulated };
    if (provider == ProviderKind.AwsEc2)
    {
        posture["aws.imdsv2_required"] = z % 20 == 1 ? "false" : "true";
    }

    if (provider == ProviderKind.Kubernetes)
    {
        posture["k8s.privileged_containers"] = z % 20 == 2 ? "2" : "0";
    }

    string region = (z % 2 == 0 ? "45" : "44") + (1 + (z % 14)).ToString("D2", CultureInfo.InvariantCulture) + "00";
    var descriptor = new ZoneDescriptor($"zone {z}", AdministrativeLevel.City, region, "v", provider, z % 4 == 0 ? MlpsLevel.Level4 : MlpsLevel.Level3, NetworkPlane.EGovExtranet, 1.5, 1, ImmutableDictionary<string, string>.Empty, "1");
    var summary = new ZoneSummary($"zone-{z:D3}", descriptor, ZoneStatus.Ready, new ResourceVector(4_000_000, 16_000_000, 500_000), ResourceVector.Zero, ResourceVector.Zero, 0, true, now, 1, now);
    zones.Add(new ZoneDetail(summary, [], [.. posture.Select(p => new PostureFact(p.Key, p.Value))]));
}

var records = new List<WorkloadRecord>(WorkloadCount);
for (int i = 0; i < WorkloadCount; i++)
{
    var zone = zones[i % ZoneCount].Summary;
    var level = (MlpsLevel)(1 + (i % 3));
    if (i % 100 == 7)
    {
        level = MlpsLevel.Level4;
    }

    string province = i % 50 == 3 ? "44" : zone.Descriptor.RegionCode[..2];
    var spec = new WorkloadSpec($"w-{i:D6}", $"dept-{i % 300}", "sys", "", new ResourceVector(1000, 2048, 20), level, [province], NetworkPlane.EGovExtranet);
    records.Add(new WorkloadRecord
    {
        Intent = spec,
        Managed = i % 50 != 11,
        ZoneId = zone.ZoneId,
        Observed = [new ObservedPlacement(zone.ZoneId, spec.Requests, level, WorkloadState.Running, 1, now)],
        State = i % 50 == 11 ? ReconciliationState.Unmanaged : ReconciliationState.InSync,
    });
}

Console.WriteLine($"Security baseline benchmark: {ZoneCount} zones x {WorkloadCount:N0} workloads, {evaluator.Pack.Rules.Count} rules (built-in pack), {Environment.ProcessorCount} cores");

// Reference in the same run: the scheduler's own pass over the same zones and records (SnapshotMapper.Map), which every rebalance round makes.
var summaries = zones.Select(z => z.Summary).ToList();
Time("warm-up", () => { BaselineAudit.Evaluate(evaluator, zones, records, now); SnapshotMapper.Map(summaries, records, now, TimeSpan.FromDays(1), 0.8); });
double reference = Median(5, () => SnapshotMapper.Map(summaries, records, now, TimeSpan.FromDays(1), 0.8));
List<FindingDraft> seen = [];
double evaluate = Median(5, () => seen = BaselineAudit.Evaluate(evaluator, zones, records, now).Seen);
var empty = ImmutableDictionary<string, FindingRecord>.Empty.WithComparers(StringComparer.Ordinal);
ImmutableDictionary<string, FindingRecord> book = empty;
double first = Median(3, () => book = FindingBook.Reconcile(empty, _ => true, seen, now, 10_000).Findings);
double steady = Median(3, () => FindingBook.Reconcile(book, _ => true, seen, now.AddMinutes(10), 10_000));
Console.WriteLine($"findings open: {book.Count:N0} ({book.Values.Count(f => f.WorkloadId.Length == 0)} zone, {book.Values.Count(f => f.WorkloadId.Length > 0):N0} workload)");
Console.WriteLine($"full audit, evaluation:            {evaluate,8:F1} ms");
Console.WriteLine($"full audit, reconcile (first run): {first,8:F1} ms");
Console.WriteLine($"full audit, reconcile (steady):    {steady,8:F1} ms");
Console.WriteLine($"full audit total (steady):         {evaluate + steady,8:F1} ms   reference SnapshotMapper.Map {reference:F1} ms   ratio {(evaluate + steady) / reference:F2}x");

// The baseline grain's stored row: every finding of the cloud in one state, rewritten whole on every change (a zone's
// verdict changing anywhere, a waiver). Its size with the Orleans serializer the grain storage uses, and the time of one
// serialization, at this scale; then with the resolved findings kept at their default bound (10,000) on top.
var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<BaselineState>>();
var stored = new BaselineState { Findings = book };
int rowBytes = serializer.SerializeToArray(stored).Length;
double rowMs = Median(5, () => serializer.SerializeToArray(stored));
var resolvedKept = book.Values.Where(f => f.WorkloadId.Length > 0).Take(1).SelectMany(f => Enumerable.Range(0, 10_000).Select(i => f with { FindingId = $"f-{i:x16}", WorkloadId = $"gone-{i:D6}", Open = false, ResolvedAt = now }));
var full = stored with { Findings = book.SetItems(resolvedKept.Select(f => KeyValuePair.Create(f.FindingId, f))) };
int fullBytes = serializer.SerializeToArray(full).Length;
Console.WriteLine($"baseline grain row: {rowBytes / 1024.0:N0} KiB for {book.Count:N0} findings ({rowBytes / Math.Max(1, book.Count)} B each), {rowMs:F1} ms (wall) to serialize it once; with 10,000 resolved kept: {fullBytes / 1024.0:N0} KiB");

// Placement throughput, enforcement on vs off, same zones and requests in the same run.
var verdicts = BaselineAudit.Evaluate(evaluator, zones, [], now).Zones;
var withBlocks = summaries.Select(s => s with
{
    BaselineBlocks = [.. verdicts[s.ZoneId].Violations.Where(v => v.Enforced).Select(v => new BaselineBlock(v.RuleId, v.Levels, null))],
}).ToList();
var on = CloudSnapshot.Create([.. withBlocks.Select(s => SnapshotMapper.ToZone(s, now, TimeSpan.FromDays(1), 0.8))], []);
var off = CloudSnapshot.Create([.. summaries.Select(s => SnapshotMapper.ToZone(s, now, TimeSpan.FromDays(1), 0.8))], []);
Console.WriteLine($"zones blocked for some level: {on.Zones.Count(z => !z.BaselineBlocks.IsDefaultOrEmpty)} of {ZoneCount}");
var engine = new PlacementEngine(FilterPipeline.CreateDefault(new SchedulingOptions()), ScoreSet.CreateDefault(new SchedulingOptions()));
var asks = Enumerable.Range(0, Placements).Select(i => new WorkloadSnapshot
{
    Id = $"p-{i}",
    TenantId = "t",
    Requests = new ResourceVector(2000, 4096, 50),
    RequiredLevel = (MlpsLevel)(1 + (i % 4)),
    NetworkPlane = NetworkPlane.EGovExtranet,
    AllowedRegions = i % 3 == 0 ? ["45"] : [],
}).ToList();
int placedOn = 0, placedOff = 0;
Time("warm-up", () => { foreach (var a in asks.Take(2000)) { engine.Place(on, a); engine.Place(off, a); } });
double msOff = 0, msOn = 0;
for (int round = 0; round < 3; round++)
{
    msOff += Measure(() => { placedOff = 0; foreach (var a in asks) { placedOff += engine.Place(off, a).ZoneId is null ? 0 : 1; } });
    msOn += Measure(() => { placedOn = 0; foreach (var a in asks) { placedOn += engine.Place(on, a).ZoneId is null ? 0 : 1; } });
}

double perSecOff = Placements * 3 / (msOff / 1000), perSecOn = Placements * 3 / (msOn / 1000);
Console.WriteLine($"placement, enforcement off: {perSecOff,10:N0}/s ({placedOff:N0} of {Placements:N0} placed)");
Console.WriteLine($"placement, enforcement on:  {perSecOn,10:N0}/s ({placedOn:N0} of {Placements:N0} placed)");
Console.WriteLine($"ratio on/off: {perSecOn / perSecOff:F2} (target >= 0.80)");

static double Measure(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(int runs, Action action) => Enumerable.Range(0, runs).Select(_ => Measure(action)).Order().ElementAt(runs / 2);

static void Time(string what, Action action) => _ = Measure(action);
