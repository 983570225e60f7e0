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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
