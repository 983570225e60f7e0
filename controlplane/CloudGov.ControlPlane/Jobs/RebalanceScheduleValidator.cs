using CloudGov.ControlPlane.Grains.Plans;

namespace CloudGov.ControlPlane.Jobs;

/// <summary>Checks <c>Plans:RebalanceSchedule</c> at start (the grains' validator checks the other plan settings).</summary>
internal sealed class RebalanceScheduleValidator : IValidateOptions<PlanPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PlanPolicyOptions options)
    {
        var schedule = RebalanceSchedule.Parse(options.RebalanceSchedule, out var error);
        if (error is not null)
        {
            return ValidateOptionsResult.Fail(error);
        }

        if (schedule.Interval is { } interval && options.MinScheduledRoundGap >= interval)
        {
            return ValidateOptionsResult.Fail($"Plans:MinScheduledRoundGap ({options.MinScheduledRoundGap}) must be shorter than the rebalance interval ({interval}), or rounds would be skipped.");
        }

        return ValidateOptionsResult.Success;
    }
}
