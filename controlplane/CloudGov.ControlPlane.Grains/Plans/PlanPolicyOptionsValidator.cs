namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>Checks the ranges of the plan settings (the schedule's syntax is checked by the host, which owns Quartz).</summary>
public sealed class PlanPolicyOptionsValidator : IValidateOptions<PlanPolicyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PlanPolicyOptions options)
    {
        var failures = new List<string>();
        if (options.ExpireAfter < TimeSpan.FromMinutes(1) || options.ExpireAfter > TimeSpan.FromDays(7))
        {
            failures.Add($"Plans:ExpireAfter is {options.ExpireAfter}; it must be between 00:01:00 and 7.00:00:00.");
        }

        if (options.Retain is < 10 or > 10_000)
        {
            failures.Add($"Plans:Retain is {options.Retain}; it must be between 10 and 10000.");
        }

        if (options.MinScheduledRoundGap < TimeSpan.Zero || options.MinScheduledRoundGap > TimeSpan.FromHours(1))
        {
            failures.Add($"Plans:MinScheduledRoundGap is {options.MinScheduledRoundGap}; it must be between 0 and 01:00:00.");
        }

        if (!(options.DefaultTargetUtilization > 0 && options.DefaultTargetUtilization <= 1))
        {
            failures.Add($"Plans:DefaultTargetUtilization is {options.DefaultTargetUtilization}; it must be in (0, 1].");
        }

        if (options.AutoApproval is null)
        {
            failures.Add("Plans:AutoApproval must be set.");
        }
        else if (options.AutoApproval.MaxMoves is < 1 or > 1_000)
        {
            failures.Add($"Plans:AutoApproval:MaxMoves is {options.AutoApproval.MaxMoves}; it must be between 1 and 1000.");
        }

        if (options.Execution is not { } e)
        {
            failures.Add("Plans:Execution must be set.");
        }
        else
        {
            Range(failures, "PollInterval", e.PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
            Range(failures, "MoveTimeout", e.MoveTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
            Range(failures, "RemoveTimeout", e.RemoveTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
            Range(failures, "ResumeInterval", e.ResumeInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
            if (e.MaxConcurrentMoves is < 1 or > 1_000)
            {
                failures.Add($"Plans:Execution:MaxConcurrentMoves is {e.MaxConcurrentMoves}; it must be between 1 and 1000.");
            }

            if (e.MaxConcurrentMovesPerZone is < 1 or > 1_000)
            {
                failures.Add($"Plans:Execution:MaxConcurrentMovesPerZone is {e.MaxConcurrentMovesPerZone}; it must be between 1 and 1000.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"Plans:Execution:{name} is {value}; it must be between {min} and {max}.");
        }
    }
}
