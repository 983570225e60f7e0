using System.Globalization;
using System.Text;
using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using SchedulerPlacement = CloudGov.Scheduling.Placement.PlacementResult;

namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>
/// The cluster's placement of new workloads (key 0). A call reads the one cloud (<see cref="OneCloudSnapshotReader"/>),
/// adds the workloads it has commanded but not yet seen in a zone's report (reservations), runs the scheduler's
/// placement and, unless it is a dry run, stores a place command on the chosen zone's grain, which delivers it to the
/// zone's agent. Calls never interleave, so each sees the reservations of the one before.
/// </summary>
/// <remarks>
/// Reservations are kept in memory: one is released when its workload appears in any zone's report, when the zone
/// says the command failed or does not have it, or when the command's deadline passes. The grain stays active while
/// it holds any; should its silo fail, they are lost and the agents' reports are again the only record.
/// </remarks>
internal sealed class PlacementGrain(
    IOptions<PlacementOptions> placementOptions,
    IOptions<PlanPolicyOptions> planOptions,
    IOptions<ZoneOptions> zoneOptions,
    IOptions<SchedulingOptions> schedulingOptions,
    IOptions<CloudGovRebalanceOptions> rebalanceOptions,
    ControlPlaneClock clock,
    ILogger<PlacementGrain> logger) : Grain, IPlacementGrain
{
    /// <summary>How many rejected zones a NO_ZONE_FITS message names before it says "and N more".</summary>
    internal const int ZonesNamedInMessage = 8;

    private readonly Dictionary<string, Reservation> _reservations = new(StringComparer.Ordinal);
    private Scheduler? _scheduler;

    /// <inheritdoc />
    public async Task<PlacementDecision> PlaceAsync(PlacementRequest request, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = PlacementRequestValidator.Validate(request);
        if (problems.Count > 0)
        {
            return Refuse(PlacementOutcome.Invalid, request.WorkloadId ?? string.Empty, string.Join("; ", problems));
        }

        var now = clock.UtcNow;
        var reading = await OneCloudSnapshotReader.ReadAsync(GrainFactory, now, zoneOptions.Value.StalenessWindow, planOptions.Value.DefaultTargetUtilization);
        await ReleaseSettledAsync(reading, now);
        string id = request.WorkloadId;
        if (reading.Workloads.FirstOrDefault(z => z.Value.Any(w => w.WorkloadId == id)).Key is { } runningIn)
        {
            return Refuse(PlacementOutcome.AlreadyExists, id, $"workload '{id}' already runs in zone '{runningIn}'; choose another workload_id");
        }

        if (_reservations.TryGetValue(id, out var reserved))
        {
            return Refuse(PlacementOutcome.AlreadyExists, id,
                $"workload '{id}' is already being placed in zone '{reserved.ZoneId}' (command {reserved.CommandId}, deadline {reserved.Deadline:O})");
        }

        if (reading.Snapshot is null)
        {
            return Refuse(PlacementOutcome.SnapshotUnavailable, id, $"the one-cloud snapshot is inconsistent: {reading.Problem}");
        }

        var workload = ToWorkload(request);
        _scheduler ??= new Scheduler(schedulingOptions.Value, rebalanceOptions.Value);
        var result = _scheduler.Place(WithReservations(reading.Snapshot), workload);
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
        var command = new ZoneCommand(commandId, ZoneCommandKind.Place, new WorkloadSpec(id, request.TenantId, request.System, Requests: request.Requests, MlpsLevel: request.MlpsLevel,
            AllowedRegions: request.AllowedRegions.IsDefault ? [] : request.AllowedRegions, NetworkPlane: request.NetworkPlane), deadline);

        // Reserved before the command is stored: should the call fail after the zone stored it, the room stays held
        // until the zone is asked again (a zone that does not have the command releases it then).
        _reservations[id] = new Reservation(workload with { CurrentZoneId = zoneId }, zoneId, commandId, deadline);
        DelayDeactivation(placementOptions.Value.CommandDeadline);
        try
        {
            await GrainFactory.GetGrain<IZoneGrain>(zoneId).EnqueueCommandAsync(command);
        }
        catch (Exception ex)
        {
            PlacementGrainLog.EnqueueFailed(logger, commandId, id, zoneId, ex);
            throw;
        }

        PlacementGrainLog.Placed(logger, id, zoneId, commandId, deadline);
        return new PlacementDecision(PlacementOutcome.Placed, id, zoneId, candidates, rejections, null, commandId, deadline,
            $"workload '{id}' placed in zone '{zoneId}': command {commandId} sent to its agent, valid until {deadline:O}");
    }

    /// <summary>Releases the reservations whose workload was reported, whose command failed or is unknown, or whose deadline passed.</summary>
    private async Task ReleaseSettledAsync(OneCloudReading reading, DateTimeOffset now)
    {
        if (_reservations.Count == 0)
        {
            return;
        }

        var reported = reading.Workloads.SelectMany(z => z.Value.Select(w => (w.WorkloadId, ZoneId: z.Key)))
            .GroupBy(x => x.WorkloadId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ZoneId, StringComparer.Ordinal);
        var open = new List<Reservation>();
        foreach (var reservation in _reservations.Values.ToList())
        {
            if (reported.TryGetValue(reservation.Workload.Id, out var zone))
            {
                Release(reservation, $"reported by zone '{zone}'");
            }
            else if (now > reservation.Deadline)
            {
                Release(reservation, $"its command's deadline {reservation.Deadline:O} passed");
            }
            else
            {
                open.Add(reservation);
            }
        }

        var outcomes = await Task.WhenAll(open.Select(r => GrainFactory.GetGrain<IZoneGrain>(r.ZoneId).GetCommandOutcomeAsync(r.CommandId)));
        for (int i = 0; i < open.Count; i++)
        {
            if (outcomes[i] is null)
            {
                Release(open[i], "the zone does not have its command");
            }
            else if (outcomes[i] is { Finished: true, Succeeded: false } failed)
            {
                Release(open[i], $"its command failed: {failed.Message}");
            }
        }
    }

    private void Release(Reservation reservation, string reason)
    {
        _reservations.Remove(reservation.Workload.Id);
        PlacementGrainLog.Released(logger, reservation.Workload.Id, reservation.ZoneId, reason);
    }

    /// <summary>The snapshot with every reservation in a zone it knows counted as running there.</summary>
    private CloudSnapshot WithReservations(CloudSnapshot snapshot)
    {
        var reserved = _reservations.Values.Where(r => snapshot.IndexOfZone(r.ZoneId) >= 0).Select(r => r.Workload).ToList();
        return reserved.Count == 0 ? snapshot : CloudSnapshot.Create(snapshot.Zones, snapshot.Workloads.Concat(reserved), snapshot.FreezeWindows);
    }

    private static WorkloadSnapshot ToWorkload(PlacementRequest request) => new()
    {
        Id = request.WorkloadId,
        TenantId = request.TenantId,
        SystemId = request.System,
        Requests = request.Requests,
        RequiredLevel = request.MlpsLevel,
        AllowedRegions = request.AllowedRegions.IsDefault ? [] : [.. request.AllowedRegions],
        NetworkPlane = request.NetworkPlane,
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

    /// <summary>Room held in a zone for a workload whose place command is under way.</summary>
    private sealed record Reservation(WorkloadSnapshot Workload, string ZoneId, string CommandId, DateTimeOffset Deadline);
}
