namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>
/// The one-cloud security baseline (key 0): findings with their lifecycle, waivers and the full audit. Zones tell it
/// their zone-rule verdicts as they change (one-way, off their report path); the full audit makes good anything lost.
/// The reads interleave with a change in progress and answer from what storage holds, so a change that waits for an
/// evacuation round (seconds in a large cloud) does not hold up the security views and the CLI.
/// </summary>
[Alias("cloudgov.IBaselineGrain")]
public interface IBaselineGrain : IGrainWithIntegerKey
{
    /// <summary>A zone's zone-rule verdict changed (or the zone asks to be counted again): open, refresh or resolve its zone findings.</summary>
    [Alias("ZoneEvaluated"), Orleans.Concurrency.OneWay]
    Task ZoneEvaluatedAsync(string zoneId, ZoneBaseline baseline);

    /// <summary>
    /// A plan move to <paramref name="zoneId"/> is rolling back because the zone applied another access-control policy than
    /// the workload's: opens (or refreshes) the finding of rule × zone × workload. The full audit resolves it once the zone no
    /// longer runs the workload with the wrong policy.
    /// </summary>
    [Alias("MoveRolledBack"), Orleans.Concurrency.OneWay]
    Task MoveRolledBackAsync(string zoneId, string workloadId, string tenantId, BaselineViolation violation);

    /// <summary>Runs the full audit now: every zone's rules and every ledger workload's rules; evacuation plans where due.</summary>
    [Alias("RunFullAudit")]
    Task<AuditRunResult> RunFullAuditAsync();

    /// <summary>One page of findings.</summary>
    [Alias("ListFindings"), Orleans.Concurrency.AlwaysInterleave]
    Task<ImmutableArray<FindingView>> ListFindingsAsync(FindingQuery query);

    /// <summary>One finding, or null.</summary>
    [Alias("GetFinding"), Orleans.Concurrency.AlwaysInterleave]
    Task<FindingView?> GetFindingAsync(string findingId);

    /// <summary>Files a waiver request (idempotent per requester and key).</summary>
    [Alias("RequestWaiver")]
    Task<WaiverResult> RequestWaiverAsync(WaiverAsk ask);

    /// <summary>Approves a pending, unexpired waiver; a zone waiver reaches its zone before this returns.</summary>
    [Alias("ApproveWaiver")]
    Task<WaiverResult> ApproveWaiverAsync(string waiverId, string approver, string reason);

    /// <summary>Revokes a pending or approved waiver; enforcement resumes at once.</summary>
    [Alias("RevokeWaiver")]
    Task<WaiverResult> RevokeWaiverAsync(string waiverId, string by, string reason);

    /// <summary>One waiver, or null.</summary>
    [Alias("GetWaiver"), Orleans.Concurrency.AlwaysInterleave]
    Task<WaiverRecord?> GetWaiverAsync(string waiverId);

    /// <summary>One page of waivers, newest first.</summary>
    [Alias("ListWaivers"), Orleans.Concurrency.AlwaysInterleave]
    Task<ImmutableArray<WaiverRecord>> ListWaiversAsync(WaiverQuery query);

    /// <summary>Every zone's last zone-rule verdict, by zone id.</summary>
    [Alias("GetZoneBaselines"), Orleans.Concurrency.AlwaysInterleave]
    Task<ImmutableDictionary<string, ZoneBaseline>> GetZoneBaselinesAsync();

    /// <summary>True when an approved, unexpired waiver covers rule <paramref name="ruleId"/> on workload <paramref name="workloadId"/>.</summary>
    [Alias("IsWorkloadWaived"), Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsWorkloadWaivedAsync(string ruleId, string workloadId);
}
