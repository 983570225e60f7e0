using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Tests.Ledger;

/// <summary>Builders for the ledger's pure unit tests: zones' facts and syncs, reported workloads, intents and books.</summary>
internal static class LedgerRecords
{
    /// <summary>The time the tests start at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>What the test workloads request (and their zones report, unless a test says otherwise).</summary>
    public static readonly ResourceVector Requests = new(4000, 8192, 100);

    /// <summary>A 南宁 county zone, MLPS 3, e-gov extranet.</summary>
    public static ZoneFacts NanningA { get; } = Facts("nn-a");

    /// <summary>Another 南宁 county zone, MLPS 3, e-gov extranet.</summary>
    public static ZoneFacts NanningB { get; } = Facts("nn-b", region: "450103");

    /// <summary>A zone's facts.</summary>
    public static ZoneFacts Facts(string zoneId, MlpsLevel level = MlpsLevel.Level3, string region = "450102", NetworkPlane plane = NetworkPlane.EGovExtranet) =>
        new(zoneId, level, region, plane);

    /// <summary>A workload as a zone reports it: tenant nn-rsj, system 社保核心, MLPS 2, Running, with the given labels.</summary>
    public static WorkloadObservation Reported(
        string id,
        ResourceVector? requests = null,
        MlpsLevel level = MlpsLevel.Level2,
        WorkloadState state = WorkloadState.Running,
        string tenant = "nn-rsj",
        string system = "社保核心",
        params (string Key, string Value)[] labels) =>
        new(id, tenant, system, requests ?? Requests, new ResourceVector(1000, 4096, 60), level, state)
        {
            Labels = WorkloadSpec.SortLabels(labels.Select(l => KeyValuePair.Create(l.Key, l.Value))),
        };

    /// <summary>The labels that declare an intent valid in <see cref="NanningA"/>: anywhere in Guangxi, e-gov extranet.</summary>
    public static (string Key, string Value)[] Declared(params (string Key, string Value)[] more) =>
        [(IntentLabels.AllowedRegions, "45"), (IntentLabels.NetworkPlane, "egov-extranet"), .. more];

    /// <summary>A zone's sync as of <paramref name="sequence"/>.</summary>
    public static ZoneSync Sync(
        ZoneFacts facts,
        ulong sequence,
        IEnumerable<WorkloadObservation>? upserts = null,
        bool full = false,
        IEnumerable<string>? gone = null,
        IEnumerable<string>? missing = null,
        IEnumerable<PlacementFailure>? failed = null) =>
        new(facts.ZoneId, facts, sequence, Now, full, [.. upserts ?? []], [.. gone ?? []], [.. missing ?? []], [.. failed ?? []]);

    /// <summary>A managed intent: tenant nn-rsj, system 社保核心, MLPS 2, anywhere in Guangxi, e-gov extranet.</summary>
    public static WorkloadSpec Intent(string id, string[]? allowedRegions = null, MlpsLevel level = MlpsLevel.Level2) => new(
        id, "nn-rsj", "社保核心", "数字政府一期", Requests, level, [.. allowedRegions ?? ["45"]], NetworkPlane.EGovExtranet);

    /// <summary>An empty book of shard <paramref name="shard"/>.</summary>
    public static LedgerBook Book(int shard = 0, int historyKept = 20) => new(shard, new LedgerShardState(), historyKept);

    /// <summary>A placement under way with command <paramref name="commandId"/>, expiring five minutes after <see cref="Now"/>.</summary>
    public static PendingPlacement Placing(string commandId = "cmd-1") => new(commandId, Now.AddMinutes(5));

    /// <summary>
    /// Places <paramref name="spec"/> in <paramref name="zone"/> and has the zone report it as <paramref name="sequence"/>
    /// (requests and level as the intent says): the record ends InSync.
    /// </summary>
    public static WorkloadRecord PlaceAndReport(LedgerBook book, WorkloadSpec spec, ZoneFacts zone, ulong sequence = 1)
    {
        var write = book.RecordPlacement(spec, zone.ZoneId, Placing($"cmd-{spec.WorkloadId}"), "placement", Now);
        Assert.That(write.Recorded, Is.True, write.Conflict);
        book.Apply(Sync(zone, sequence, [Reported(spec.WorkloadId, spec.Requests, spec.MlpsLevel)]), Now);
        return book.Records[spec.WorkloadId];
    }

    /// <summary>The first id <c>{prefix}-{n}</c> whose record lives in <paramref name="shard"/>.</summary>
    public static string IdIn(int shard, string prefix = "w") =>
        Enumerable.Range(0, 10_000).Select(n => $"{prefix}-{n}").First(id => LedgerShards.Of(id) == shard);

    /// <summary>The first id <c>{prefix}-{n}</c> whose record does not live in <paramref name="shard"/>.</summary>
    public static string IdNotIn(int shard, string prefix = "w") =>
        Enumerable.Range(0, 10_000).Select(n => $"{prefix}-{n}").First(id => LedgerShards.Of(id) != shard);
}
