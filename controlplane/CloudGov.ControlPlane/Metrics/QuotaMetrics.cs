using CloudGov.ControlPlane.Abstractions.Tenants;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>The quota area's metrics: decisions by outcome, tenants over quota and pending requests (refreshed on scrape).</summary>
internal sealed class QuotaMetrics(IMetricFactory factory)
{
    private static readonly string[] Outcomes = ["ok", "quota_exceeded", "not_found", "idempotency_conflict", "limit_reached", "invalid", "already_exists", "failed_precondition"];

    private readonly Counter _commands = Initialised(factory.CreateCounter(
        "cloudgov_quota_commands_total", "Quota API commands by outcome (ok, or the failure: quota_exceeded, not_found, ...).", ["outcome"]));

    private readonly Gauge _overQuota = factory.CreateGauge(
        "cloudgov_quota_tenants_over_quota", "Tenants whose subtree uses more than their allocation in some dimension (e.g. through discovered workloads).");

    private readonly Gauge _pending = factory.CreateGauge(
        "cloudgov_quota_requests_pending", "Quota requests waiting for an operator.");

    /// <summary>Counts one command's outcome.</summary>
    public void Observe(QuotaResult result) =>
        _commands.WithLabels(result.Succeeded ? "ok" : result.Failure switch
        {
            QuotaFailure.QuotaExceeded => "quota_exceeded",
            QuotaFailure.NotFound => "not_found",
            QuotaFailure.IdempotencyConflict => "idempotency_conflict",
            QuotaFailure.LimitReached => "limit_reached",
            QuotaFailure.Invalid => "invalid",
            QuotaFailure.AlreadyExists => "already_exists",
            _ => "failed_precondition",
        }).Inc();

    /// <summary>Every outcome's series at 0 from the start, so the quota dashboard's rates are defined before the first command.</summary>
    private static Counter Initialised(Counter counter)
    {
        foreach (var outcome in Outcomes)
        {
            counter.WithLabels(outcome);
        }

        return counter;
    }

    /// <summary>Sets the scrape-time gauges.</summary>
    public void ObserveTenants(int overQuota, int pending)
    {
        _overQuota.Set(overQuota);
        _pending.Set(pending);
    }
}
