using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Abstractions.Plans;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>
/// The control plane's own metrics. Ingest counters are updated on the hot path; per-zone gauges are set from the
/// one-cloud index when Prometheus scrapes, so the ingest path pays for none of them.
/// </summary>
public sealed class ControlPlaneMetrics : IPlanExecutionObserver
{
    private static readonly string[] Resources = ["cpu_millicores", "memory_mib", "storage_gib", "gpu"];
    private static readonly string[] UtilizationResources = ["cpu", "memory", "storage", "gpu"];
    private static readonly ZoneStatus[] Statuses = Enum.GetValues<ZoneStatus>();
    private static readonly PlanState[] PlanStates = Enum.GetValues<PlanState>();
    private static readonly PlanTrigger[] PlanTriggers = Enum.GetValues<PlanTrigger>();

    private readonly Counter _reports;
    private readonly Counter.Child _accepted;
    private readonly Counter.Child _duplicate;
    private readonly Counter.Child _notRegistered;
    private readonly Counter _rejections;
    private readonly Gauge _streams;
    private readonly Gauge _watchStreams;
    private readonly Gauge _capacity;
    private readonly Gauge _usage;
    private readonly Gauge _requested;
    private readonly Gauge _utilization;
    private readonly Gauge _workloads;
    private readonly Gauge _agentConnected;
    private readonly Gauge _reportAge;
    private readonly Gauge _status;
    private readonly Gauge _degraded;
    private readonly Gauge _zonesByStatus;
    private readonly Gauge _oneCloudUtilization;
    private readonly Counter _planRounds;
    private readonly Histogram _planCompute;
    private readonly Gauge _plans;
    private readonly Counter _moves;
    private readonly Histogram _moveDuration;
    private readonly Counter _plansFinished;
    private readonly Gauge _imbalance;
    private static readonly ReconciliationState[] LedgerStates = [.. Enum.GetValues<ReconciliationState>().Where(s => s != ReconciliationState.Unspecified)];
    private readonly Gauge _ledger;

    /// <summary>Creates the metrics in the factory's registry.</summary>
    public ControlPlaneMetrics(IMetricFactory factory)
    {
        _reports = factory.CreateCounter("cloudgov_agent_reports_total", "Zone reports received, by result (accepted, duplicate, not_registered).", ["result"]);
        _accepted = _reports.WithLabels("accepted");
        _duplicate = _reports.WithLabels("duplicate");
        _notRegistered = _reports.WithLabels("not_registered");
        _rejections = factory.CreateCounter("cloudgov_agent_rejected_messages_total", "Agent messages rejected as bad input, by gRPC status code.", ["code"]);
        _ledger = factory.CreateGauge("cloudgov_ledger_workloads", "Ledger records per zone (where each should run; empty for none) and reconciliation state.", ["zone", "state"]);
        _streams = factory.CreateGauge("cloudgov_agent_streams_open", "Agent streams open on this host.");
        _watchStreams = factory.CreateGauge("cloudgov_plan_watch_streams_open", "WatchPlan streams open on this host (at most PlanWatch:MaxStreamsPerHost).");
        _capacity = factory.CreateGauge("cloudgov_zone_capacity_units", "Zone capacity; the resource label carries the unit.", ["zone", "resource"]);
        _usage = factory.CreateGauge("cloudgov_zone_usage_units", "Zone observed usage; the resource label carries the unit.", ["zone", "resource"]);
        _requested = factory.CreateGauge("cloudgov_zone_requested_units", "Sum of the zone's workload requests; the resource label carries the unit.", ["zone", "resource"]);
        _utilization = factory.CreateGauge("cloudgov_zone_utilization_ratio", "Zone usage over capacity (0-1) per resource.", ["zone", "resource"]);
        _workloads = factory.CreateGauge("cloudgov_zone_workloads", "Workloads in the zone as last reported.", ["zone"]);
        _agentConnected = factory.CreateGauge("cloudgov_zone_agent_connected", "1 while the zone's agent holds a stream open to the cluster.", ["zone"]);
        _reportAge = factory.CreateGauge("cloudgov_zone_report_age_seconds", "Seconds since the zone's last accepted report (-1 if never).", ["zone"]);
        _status = factory.CreateGauge("cloudgov_zone_status", "1 for the zone's current status (staleness applied), 0 for the others.", ["zone", "status"]);
        _degraded = factory.CreateGauge("cloudgov_zone_degraded", "1 while the zone's last report said its provider is impaired (cloud API failing, throttled, timing out; the reason is in GetZone), else 0.", ["zone"]);
        _zonesByStatus = factory.CreateGauge("cloudgov_onecloud_zones", "Zones in the one cloud, by status.", ["status"]);
        _oneCloudUtilization = factory.CreateGauge("cloudgov_onecloud_utilization_ratio", "One-cloud usage over capacity per resource.", ["resource"]);
        _planRounds = factory.CreateCounter(
            "cloudgov_plan_rounds_total",
            "Rebalance rounds run by the rebalancer on this host, by trigger (manual, scheduled, baseline) and outcome (proposed, auto_approved, empty, dry_run, skipped).",
            ["trigger", "outcome"]);
        _planCompute = factory.CreateHistogram(
            "cloudgov_plan_compute_seconds",
            "Seconds a rebalance round spent building the snapshot and running the scheduler, by trigger.",
            new HistogramConfiguration { LabelNames = ["trigger"], Buckets = Histogram.ExponentialBuckets(0.001, 4, 9) });
        _plans = factory.CreateGauge("cloudgov_plans", "Retained rebalance plans by trigger and state (expiry applied), refreshed on scrape.", ["trigger", "state"]);
        _moves = factory.CreateCounter(
            "cloudgov_plan_moves_total",
            "Plan moves finished by plans executing on this host, by result (completed, rolled_back, skipped).",
            ["result"]);
        _moveDuration = factory.CreateHistogram(
            "cloudgov_plan_move_duration_seconds",
            "Seconds from a move's place command to its completion or rollback, by result.",
            new HistogramConfiguration { LabelNames = ["result"], Buckets = Histogram.ExponentialBuckets(0.05, 2, 14) });
        _plansFinished = factory.CreateCounter(
            "cloudgov_plans_finished_total",
            "Plans that finished executing on this host, by trigger and end state (completed, partially_failed, cancelled).",
            ["trigger", "state"]);
        _imbalance = factory.CreateGauge(
            "cloudgov_onecloud_imbalance",
            "One-cloud imbalance: 1 - balance index, the mean over resources of the standard deviation of requested/allocatable across Ready zones (0 = perfectly even).");
        foreach (var result in new[] { "completed", "rolled_back", "skipped" })
        {
            _moves.WithLabels(result);
            _moveDuration.WithLabels(result);
        }

        // Every series the shipped alert rules and Grafana dashboards name exists from the start (at 0), so a rate or
        // an increase is defined before the first event (dashboards/ and tests/CloudGov.Operations.Tests).
        foreach (var code in new[] { StatusCode.InvalidArgument, StatusCode.OutOfRange, StatusCode.FailedPrecondition, StatusCode.PermissionDenied, StatusCode.Unauthenticated, StatusCode.ResourceExhausted })
        {
            _rejections.WithLabels(code.ToString());
        }

        foreach (var trigger in PlanTriggers.Select(TriggerLabel).Distinct())
        {
            _planCompute.WithLabels(trigger);
            foreach (var outcome in new[] { "proposed", "auto_approved", "empty", "dry_run", "skipped" })
            {
                _planRounds.WithLabels(trigger, outcome);
            }

            foreach (var state in new[] { "completed", "partially_failed", "cancelled" })
            {
                _plansFinished.WithLabels(trigger, state);
            }
        }
    }

    /// <summary>Counts one report by what the zone grain did with it (children cached: this is the ingest hot path).</summary>
    public void RecordReport(ReportResult result) => (result switch
    {
        ReportResult.Accepted => _accepted,
        ReportResult.Duplicate => _duplicate,
        _ => _notRegistered,
    }).Inc();

    /// <summary>Counts one agent message rejected as bad input.</summary>
    public void RecordRejection(StatusCode code) => _rejections.WithLabels(code.ToString()).Inc();

    /// <summary>Counts an agent stream opening on this host.</summary>
    public void StreamOpened() => _streams.Inc();

    /// <summary>Counts an agent stream closing on this host.</summary>
    public void StreamClosed() => _streams.Dec();

    /// <summary>A WatchPlan stream took a slot on this host.</summary>
    public void WatchStreamOpened() => _watchStreams.Inc();

    /// <summary>A WatchPlan stream gave its slot back.</summary>
    public void WatchStreamClosed() => _watchStreams.Dec();

    /// <summary>Sets every per-zone and one-cloud gauge from the index's view at <paramref name="now"/>.</summary>
    public void ObserveOneCloud(IReadOnlyList<ZoneSummary> zones, DateTimeOffset now, TimeSpan stalenessWindow)
    {
        var total = ResourceVector.Zero;
        var used = ResourceVector.Zero;
        var counts = Statuses.ToDictionary(s => s, _ => 0);
        foreach (var zone in zones)
        {
            var id = zone.ZoneId;
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                _capacity.WithLabels(id, Resources[d]).Set(zone.Capacity[d]);
                _usage.WithLabels(id, Resources[d]).Set(zone.Usage[d]);
                _requested.WithLabels(id, Resources[d]).Set(zone.Requested[d]);
                _utilization.WithLabels(id, UtilizationResources[d]).Set(Ratio(zone.Usage[d], zone.Capacity[d]));
            }

            _workloads.WithLabels(id).Set(zone.WorkloadCount);
            _agentConnected.WithLabels(id).Set(zone.AgentConnected ? 1 : 0);
            _degraded.WithLabels(id).Set(zone.DegradedReason is not null || zone.Status == ZoneStatus.Degraded ? 1 : 0);
            _reportAge.WithLabels(id).Set(zone.LastReceivedAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : -1);
            var status = zone.EffectiveStatus(now, stalenessWindow);
            counts[status]++;
            foreach (var s in Statuses)
            {
                _status.WithLabels(id, s.ToString()).Set(s == status ? 1 : 0);
            }

            total += zone.Capacity;
            used += zone.Usage;
        }

        foreach (var (status, count) in counts)
        {
            _zonesByStatus.WithLabels(status.ToString()).Set(count);
        }

        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            _oneCloudUtilization.WithLabels(UtilizationResources[d]).Set(Ratio(used[d], total[d]));
        }
    }

    /// <summary>Counts one rebalance round by trigger and outcome, and observes its compute time when it computed a plan.</summary>
    public void RoundFinished(PlanTrigger trigger, RebalanceRoundResult round, bool dryRun)
    {
        string outcome = round.Plan is null ? "skipped"
            : dryRun ? "dry_run"
            : !round.Stored ? "empty"
            : round.Plan.AutoApproved ? "auto_approved"
            : "proposed";
        string label = TriggerLabel(trigger);
        _planRounds.WithLabels(label, outcome).Inc();
        if (round.Plan is not null)
        {
            _planCompute.WithLabels(label).Observe(round.ComputeSeconds);
        }
    }

    /// <summary>Sets the plans gauge from the rebalancer's retained plans (every trigger × state, zero where none).</summary>
    public void ObservePlans(IReadOnlyList<PlanRecord> plans)
    {
        foreach (var trigger in PlanTriggers)
        {
            foreach (var state in PlanStates)
            {
                _plans.WithLabels(TriggerLabel(trigger), state.ToString()).Set(plans.Count(p => p.Trigger == trigger && p.State == state));
            }
        }
    }

    /// <summary>Sets the ledger gauge: every state of every zone seen, so a state that empties drops to 0.</summary>
    public void ObserveLedger(IReadOnlyDictionary<string, ImmutableSortedDictionary<ReconciliationState, int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var (zone, byState) in counts)
        {
            foreach (var state in LedgerStates)
            {
                _ledger.WithLabels(zone, Grpc.LedgerProtoMapping.StateName(state).ToLowerInvariant()).Set(byState.GetValueOrDefault(state));
            }
        }
    }

    /// <summary>Sets the imbalance gauge from a balance index in [0, 1].</summary>
    public void ObserveBalanceIndex(double balanceIndex) => _imbalance.Set(Math.Clamp(1 - balanceIndex, 0, 1));

    /// <inheritdoc />
    public void MoveFinished(PlanRecord plan, PlanMove move)
    {
        string result = ResultLabel(move.State);
        _moves.WithLabels(result).Inc();
        if (move.StartedAt is { } started && move.FinishedAt is { } finished)
        {
            _moveDuration.WithLabels(result).Observe(Math.Max(0, (finished - started).TotalSeconds));
        }
    }

    /// <inheritdoc />
    public void PlanFinished(PlanRecord plan) =>
        _plansFinished.WithLabels(TriggerLabel(plan.Trigger), plan.State switch
        {
            PlanState.Completed => "completed",
            PlanState.PartiallyFailed => "partially_failed",
            _ => "cancelled",
        }).Inc();

    private static string ResultLabel(MoveState state) => state switch
    {
        MoveState.Completed => "completed",
        MoveState.RolledBack => "rolled_back",
        _ => "skipped",
    };

    private static string TriggerLabel(PlanTrigger trigger) => trigger switch
    {
        PlanTrigger.Scheduled => "scheduled",
        PlanTrigger.Baseline => "baseline",
        _ => "manual",
    };

    private static double Ratio(long used, long capacity) => capacity <= 0 ? 0 : (double)used / capacity;
}
