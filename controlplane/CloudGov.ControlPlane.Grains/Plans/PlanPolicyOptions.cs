namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>How rebalance plans are proposed, auto-approved, kept and expired. Bound from the <c>Plans</c> section.</summary>
public sealed class PlanPolicyOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Plans";

    /// <summary>An undecided (Proposed) plan expires this long after it was proposed. Default 30 min; 1 min to 7 days.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many plans the rebalancer lists (newest first); older ones are forgotten. Default 100; 10 to 10,000.</summary>
    public int Retain { get; set; } = 100;

    /// <summary>
    /// The periodic rebalance: empty (default) turns it off; a TimeSpan (e.g. <c>00:15:00</c>, at least 10 s) runs it at
    /// that interval; anything else is a Quartz cron expression (e.g. <c>0 0/30 * * * ?</c>). Checked by the host.
    /// </summary>
    public string RebalanceSchedule { get; set; } = string.Empty;

    /// <summary>
    /// A scheduled round within this long of the previous scheduled round is skipped, so triggers firing on every host
    /// run the round once. Default 30 s; 0 to 1 h; keep it below the schedule's interval.
    /// </summary>
    public TimeSpan MinScheduledRoundGap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Target utilization of a zone whose agent does not declare one (label <c>cloudgov.io/target-utilization</c>).
    /// Default 0.80; (0, 1].
    /// </summary>
    public double DefaultTargetUtilization { get; set; } = 0.80;

    /// <summary>The auto-approval policy.</summary>
    public AutoApprovalOptions AutoApproval { get; set; } = new();

    /// <summary>How approved plans are carried out.</summary>
    public PlanExecutionOptions Execution { get; set; } = new();
}
