using CloudGov.Baselines.Custom;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>Checks the baseline settings, and loads the custom rule file so a bad one stops the host at start.</summary>
public sealed class BaselineOptionsValidator : IValidateOptions<BaselineOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BaselineOptions options)
    {
        var failures = new List<string>();
        if (options.FullAuditInterval < TimeSpan.FromSeconds(10) || options.FullAuditInterval > TimeSpan.FromHours(24))
        {
            failures.Add($"Baselines:FullAuditInterval is {options.FullAuditInterval}; it must be between 00:00:10 and 1.00:00:00.");
        }

        if (options.MaxResolvedFindingsKept is < 0 or > 1_000_000)
        {
            failures.Add($"Baselines:MaxResolvedFindingsKept is {options.MaxResolvedFindingsKept}; it must be between 0 and 1000000.");
        }

        if (options.MaxWaivers is < 10 or > 1_000_000)
        {
            failures.Add($"Baselines:MaxWaivers is {options.MaxWaivers}; it must be between 10 and 1000000.");
        }

        if (!string.IsNullOrWhiteSpace(options.CustomRulesPath))
        {
            try
            {
                BaselinePackFactory.Create(options);
            }
            catch (CustomRuleFileException ex)
            {
                failures.Add($"Baselines:CustomRulesPath: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
