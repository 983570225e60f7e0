using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>
/// What one release's upgrade fixtures hold, written next to them as <c>manifest.json</c> by the generator and read
/// by <c>UpgradeFixtureTests</c> (which links this file). Enum values are the proto names (e.g. <c>PLAN_STATE_PROPOSED</c>),
/// times are exact to the tick, so the test compares what a later build reads with what this build wrote.
/// </summary>
internal sealed record UpgradeManifest(
    int FormatVersion,
    string Release,
    string Commit,
    DateTimeOffset GeneratedAt,
    string ServiceId,
    string ClusterId,
    IReadOnlyList<FixtureExpectation> Fixtures)
{
    /// <summary>The manifest's file name in a fixture directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The shape of this file; raise it when a field changes meaning.</summary>
    /// <remarks>2: tenants, quota requests and the audit trail (absent, read as null, in format 1).</remarks>
    public const int CurrentFormat = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactJson = new(Json) { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>One line of JSON for an expectation: what the comparisons put side by side.</summary>
    public static string Line<T>(T value) => JsonSerializer.Serialize(value, CompactJson);

    public static UpgradeManifest FromJson(string json) =>
        JsonSerializer.Deserialize<UpgradeManifest>(json, Json) ?? throw new InvalidDataException("manifest.json is empty");
}

/// <summary>One stored database (SQLite file or PostgreSQL dump) and everything in it a later build must find.</summary>
/// <remarks>
/// <see cref="Tenants"/>, <see cref="QuotaRequests"/> and <see cref="Audit"/> are null in a format-1 manifest, whose
/// release drove no quota activity and kept no audit trail the manifest names.
/// </remarks>
internal sealed record FixtureExpectation(
    string Storage,
    string File,
    IReadOnlyList<ZoneExpectation> Zones,
    IReadOnlyList<WorkloadExpectation> Workloads,
    IReadOnlyList<PlanExpectation> Plans,
    IReadOnlyList<CommandExpectation> PendingCommands,
    IReadOnlyList<TenantExpectation>? Tenants = null,
    IReadOnlyList<QuotaRequestExpectation>? QuotaRequests = null,
    AuditExpectation? Audit = null);

/// <summary>A zone: its descriptor essentials, its last applied report sequence and the workloads it last reported.</summary>
internal sealed record ZoneExpectation(
    string ZoneId,
    string DisplayName,
    string AdministrativeLevel,
    string RegionCode,
    string MlpsLevel,
    string NetworkPlane,
    ulong LastSequence,
    IReadOnlyList<string> WorkloadIds);

/// <summary>A ledger record: managed or not, where it should run and since when, its state, intent and history.</summary>
/// <remarks><see cref="PlacingDeadline"/> is set for a placement under way: past it the record turns Missing.</remarks>
internal sealed record WorkloadExpectation(
    string WorkloadId,
    bool Managed,
    string ZoneId,
    DateTimeOffset? ZoneSince,
    string State,
    DateTimeOffset? PlacingDeadline,
    IntentExpectation Intent,
    IReadOnlyList<EventExpectation> History);

/// <summary>The essentials of a record's intent.</summary>
internal sealed record IntentExpectation(
    string TenantId,
    string System,
    string Project,
    string MlpsLevel,
    IReadOnlyList<string> AllowedRegions,
    string NetworkPlane,
    bool Pinned,
    int Priority,
    long CpuMillicores,
    long MemoryMib,
    long StorageGib,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>One entry of a record's history.</summary>
internal sealed record EventExpectation(DateTimeOffset At, string Kind, string By, string ToZoneId);

/// <summary>A plan: its state when written (a Proposed plan reads Expired after <see cref="ExpiresAt"/>), its moves and decisions.</summary>
internal sealed record PlanExpectation(
    string PlanId,
    string State,
    DateTimeOffset ProposedAt,
    DateTimeOffset ExpiresAt,
    int MoveCount,
    IReadOnlyList<MoveExpectation> Moves,
    IReadOnlyList<DecisionExpectation> History);

/// <summary>One move of a plan.</summary>
internal sealed record MoveExpectation(int Index, string WorkloadId, string FromZoneId, string ToZoneId, string State);

/// <summary>One decision on a plan.</summary>
internal sealed record DecisionExpectation(string From, string To, string By, DateTimeOffset At, string Reason);

/// <summary>A command a zone holds for its agent, unanswered.</summary>
internal sealed record CommandExpectation(string ZoneId, string CommandId, string Kind, string WorkloadId, DateTimeOffset Deadline);

/// <summary>A resource vector as stored.</summary>
internal sealed record AmountExpectation(long CpuMillicores, long MemoryMib, long StorageGib, long Gpu);

/// <summary>A tenant as operators list it: what the hierarchy stores (usage is the ledger's, checked with the records).</summary>
internal sealed record TenantExpectation(
    string TenantId,
    string DisplayName,
    string ParentId,
    int Depth,
    AmountExpectation Allocated,
    IReadOnlyList<string> Children);

/// <summary>A quota request with its decision; <see cref="IdempotencyKey"/> must still find it after the upgrade.</summary>
internal sealed record QuotaRequestExpectation(
    string RequestId,
    string TenantId,
    string Direction,
    AmountExpectation Amount,
    string Justification,
    string IdempotencyKey,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string State,
    AmountExpectation Granted,
    string DecidedBy,
    string DecisionReason,
    string Rule,
    DateTimeOffset? DecidedAt);

/// <summary>The audit trail: every entry in chain order and the head <c>VerifyAuditChain</c> reported.</summary>
internal sealed record AuditExpectation(
    string Chain,
    long HeadSequence,
    string HeadHash,
    IReadOnlyList<AuditEntryExpectation> Entries);

/// <summary>One audit entry, every field the API returns.</summary>
internal sealed record AuditEntryExpectation(
    long Sequence,
    DateTimeOffset Time,
    string ActorSubject,
    string ActorRole,
    string ActorTenantId,
    string Action,
    IReadOnlyList<string> TargetIds,
    IReadOnlyDictionary<string, string> Detail,
    string Reason,
    string PreviousHash,
    string Hash);
