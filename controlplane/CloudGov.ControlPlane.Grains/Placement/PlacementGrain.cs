using System.Globalization;
using System.Text;
using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Model;
using SchedulerPlacement = CloudGov.Scheduling.Placement.PlacementResult;

namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>
/// The cluster's placement of new workloads (key 0). A call reads the one cloud (<see cref="OneCloudSnapshotReader"/>:
/// zones and ledger records, in which placements under way hold their room until their deadline), runs the scheduler's
/// placement and, unless it is a dry run, writes the workload's ledger record (its intent, the chosen zone, the command)
/// before it stores the place command on the zone's grain, which delivers it to the zone's agent. Calls never
/// interleave, so each sees the placement of the one before; the room is held durably, so a silo failure loses nothing.
/// </summary>
internal sealed class PlacementGrain(
    IOptions<PlacementOptions> placementOptions,
    IOptions<PlanPolicyOptions> planOptions,
    IOptions<ZoneOptions> zoneOptions,
    Scheduler scheduler,
    ControlPlaneClock clock,
    ILogger<PlacementGrain> logger) : Grain, IPlacementGrain
{
    /// <summary>How many rejected zones a NO_ZONE_FITS message names before it says "and N more".</summary>
    internal const int ZonesNamedInMessage = 8;

    /// <summary>Who the ledger records as having placed a workload.</summary>
    internal const string Actor = "placement";


    /// <inheritdoc />
    public async Task<PlacementDecision> PlaceAsync(WorkloadSpec spec, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = PlacementRequestValidator.Validate(spec);
        if (problems.Count > 0)
        {
            return Refuse(PlacementOutcome.Invalid, spec.WorkloadId ?? string.Empty, string.Join("; ", problems));
        }

        var now = clock.UtcNow;
        string id = spec.WorkloadId;
        var existing = await LedgerShards.For(GrainFactory, id).GetAsync(id);
        if (Conflict(existing, now) is { } conflict)
        {
            return Refuse(PlacementOutcome.AlreadyExists, id, conflict);
        }

        var reading = await OneCloudSnapshotReader.ReadAsync(GrainFactory, now, zoneOptions.Value.StalenessWindow, planOptions.Value.DefaultTargetUtilization);
        if (reading.Snapshot is null)
        {
            return Refuse(PlacementOutcome.SnapshotUnavailable, id, $"the one-cloud snapshot is inconsistent: {reading.Problem}");
        }

        // Quota at every level of the tenant's ancestry, before any zone is considered (placements never interleave, so
        // the ledger's records — including placements under way — are every use there is).
        var quota = await QuotaEnforcement.ViewAsync(GrainFactory, reading.Records, now);
        if (quota.Shortfall(spec.TenantId, spec.Requests, isMigration: false) is { } shortfall)
        {
            return Refuse(PlacementOutcome.TenantQuotaExceeded, id, QuotaEnforcement.Message(shortfall, spec.Requests));
        }

        var workload = ToWorkload(spec);
        var result = scheduler.WithQuota(quota).Place(reading.Snapshot, workload);
        ImmutableArray<PlacementCandidate> candidates = [.. result.Candidates.Select(c => new PlacementCandidate(
            c.ZoneId, c.TotalScore, [.. c.Scores.Select(s => new PlacementScore(s.Score, s.Value, s.Weight))]))];
        ImmutableArray<PlacementZoneRejection> rejections = [.. result.Rejections.Select(r => new PlacementZoneRejection(
            r.ZoneId, [.. r.Reasons.Select(x => new PlacementReason(x.Filter, x.Code, x.English, x.Chinese))]))];
        if (result.ZoneId is not { } zoneId)
        {
            var summary = result.Summary!;
            var decision = new PlacementDecision(
                PlacementOutcome.NoZoneFits, id, null, candidates, rejections,
                new PlacementReason(summary.Filter, summary.Code, summary.English, summary.Chinese),
                string.Empty, null, NoZoneFitsMessage(result));
            PlacementGrainLog.NotPlaced(logger, id, decision.Outcome, decision.Message);
            return decision;
        }

        if (dryRun)
        {
            return new PlacementDecision(PlacementOutcome.WouldPlace, id, zoneId, candidates, rejections, null, string.Empty, null,
                $"workload '{id}' would be placed in zone '{zoneId}' (dry run: nothing sent)");
        }

        var deadline = now + placementOptions.Value.CommandDeadline;
        string commandId = $"place-{Guid.NewGuid():N}"[..22];

        // The record first: the ledger holds the zone's room for the placement from now on, and should the command
        // not be stored below, the record says a placement was attempted and its deadline ends it.
        var written = await LedgerShards.For(GrainFactory, id).RecordPlacementAsync(spec, zoneId, new PendingPlacement(commandId, deadline), Actor);
        if (!written.Recorded)
        {
            return Refuse(PlacementOutcome.AlreadyExists, id, written.Conflict);
        }

        try
        {
            await GrainFactory.GetGrain<IZoneGrain>(zoneId).EnqueueCommandAsync(new ZoneCommand(commandId, ZoneCommandKind.Place, spec, deadline));
        }
        catch (Exception ex)
        {
            PlacementGrainLog.EnqueueFailed(logger, commandId, id, zoneId, ex);
            throw;
        }

        PlacementGrainLog.Placed(logger, id, zoneId, commandId, deadline);
        return new PlacementDecision(PlacementOutcome.Placed, id, zoneId, candidates, rejections, null, commandId, deadline,
            $"workload '{id}' placed in zone '{zoneId}': recorded in the ledger, command {commandId} sent to its agent, valid until {deadline:O}");
    }

    /// <summary>Why <paramref name="record"/> keeps its id from being placed again: it runs, or a placement of it is under way.</summary>
    private static string? Conflict(WorkloadRecord? record, DateTimeOffset now) => record switch
    {
        null => null,
        { Observed.IsDefaultOrEmpty: false } => $"workload '{record.WorkloadId}' already runs in zone '{record.Observed[0].ZoneId}'; choose another workload_id",
        { Placing: { } p } when now <= p.Deadline =>
            $"workload '{record.WorkloadId}' is already being placed in zone '{record.ZoneId}' (command {p.CommandId}, deadline {p.Deadline:O})",
        _ => null,
    };

    private static WorkloadSnapshot ToWorkload(WorkloadSpec spec) => new()
    {
        Id = spec.WorkloadId,
        TenantId = spec.TenantId,
        SystemId = spec.System,
        Requests = spec.Requests,
        RequiredLevel = spec.MlpsLevel,
        AllowedRegions = spec.AllowedRegions.IsDefault ? [] : spec.AllowedRegions,
        NetworkPlane = spec.NetworkPlane,
        AntiAffinityGroup = spec.AntiAffinityGroup.Length == 0 ? null : spec.AntiAffinityGroup,
        Priority = spec.Priority,
        MigrationCost = spec.MigrationCost,
        Movable = false,
    };

    /// <summary>The summary reason, then each rejected zone with its codes and first reason, up to <see cref="ZonesNamedInMessage"/> zones.</summary>
    private static string NoZoneFitsMessage(SchedulerPlacement result)
    {
        var text = new StringBuilder(result.Summary!.ToString());
        if (result.Rejections.Count == 0)
        {
            return text.Append(" (no zone has reported its capacity yet)").ToString();
        }

        text.Append(" — ");
        foreach (var (rejection, i) in result.Rejections.Take(ZonesNamedInMessage).Select((r, i) => (r, i)))
        {
            text.Append(i == 0 ? string.Empty : "; ").Append(rejection.ZoneId).Append(": ").AppendJoin(", ", rejection.Reasons.Select(r => r.Code));
            if (rejection.Reasons.Count > 0)
            {
                text.Append(" (").Append(rejection.Reasons[0].English).Append(')');
            }
        }

        if (result.Rejections.Count > ZonesNamedInMessage)
        {
            text.Append(CultureInfo.InvariantCulture, $"; and {result.Rejections.Count - ZonesNamedInMessage} more zone(s)");
        }

        return text.ToString();
    }

    private PlacementDecision Refuse(PlacementOutcome outcome, string workloadId, string message)
    {
        PlacementGrainLog.NotPlaced(logger, workloadId, outcome, message);
        return PlacementDecision.Refused(outcome, workloadId, message);
    }
}
