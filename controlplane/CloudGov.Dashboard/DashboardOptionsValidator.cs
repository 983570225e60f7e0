using Microsoft.Extensions.Options;

namespace CloudGov.Dashboard;

/// <summary>Checks <see cref="DashboardOptions"/> at start.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        if (options.SafetyRefreshInterval < TimeSpan.FromSeconds(5) || options.SafetyRefreshInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{DashboardOptions.SectionName}:{nameof(DashboardOptions.SafetyRefreshInterval)} is {options.SafetyRefreshInterval}; give 00:00:05 to 00:10:00");
        }

        if (options.MinRefreshInterval < TimeSpan.Zero || options.MinRefreshInterval > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{DashboardOptions.SectionName}:{nameof(DashboardOptions.MinRefreshInterval)} is {options.MinRefreshInterval}; give 00:00:00 to 00:00:10");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
