namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>Checks <see cref="QuotaOptions"/>, naming every bad key.</summary>
internal sealed class QuotaOptionsValidator : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        var errors = new List<string>();
        const string s = QuotaOptions.SectionName;
        Range(errors, $"{s}:MaxTenants", options.MaxTenants, 1, 100_000);
        Range(errors, $"{s}:MaxDepth", options.MaxDepth, 1, 16);
        Range(errors, $"{s}:MaxPendingPerTenant", options.MaxPendingPerTenant, 1, 1_000);
        Range(errors, $"{s}:RetainedRequests", options.RetainedRequests, 100, 1_000_000);
        var a = options.AutoApproval;
        Range(errors, $"{s}:AutoApproval:MaxIncreaseCpuMillicores", a.MaxIncreaseCpuMillicores, 0, QuotaOptions.MaxAmount);
        Range(errors, $"{s}:AutoApproval:MaxIncreaseMemoryMiB", a.MaxIncreaseMemoryMiB, 0, QuotaOptions.MaxAmount);
        Range(errors, $"{s}:AutoApproval:MaxIncreaseStorageGiB", a.MaxIncreaseStorageGiB, 0, QuotaOptions.MaxAmount);
        Range(errors, $"{s}:AutoApproval:MaxIncreaseGpu", a.MaxIncreaseGpu, 0, QuotaOptions.MaxAmount);
        if (!(a.MaxShareOfParentRemaining > 0 && a.MaxShareOfParentRemaining <= 1))
        {
            errors.Add($"{s}:AutoApproval:MaxShareOfParentRemaining is {a.MaxShareOfParentRemaining}; it must be above 0 and at most 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} is {value}; it must be from {min} to {max}.");
        }
    }
}
