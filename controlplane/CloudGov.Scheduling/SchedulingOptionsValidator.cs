namespace CloudGov.Scheduling;

/// <summary>
/// Checks <see cref="SchedulingOptions"/>. Pure so the host can wrap it in an <c>IValidateOptions&lt;T&gt;</c>
/// without this project depending on Microsoft.Extensions.Options.
/// </summary>
public static class SchedulingOptionsValidator
{
    /// <summary>The problems found; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!(options.Headroom >= 0 && options.Headroom <= 0.5))
        {
            errors.Add($"{nameof(options.Headroom)} must be within [0, 0.5] (was {options.Headroom}).");
        }

        CheckWeight(errors, nameof(options.BalanceWeight), options.BalanceWeight);
        CheckWeight(errors, nameof(options.PackingWeight), options.PackingWeight);
        CheckWeight(errors, nameof(options.CostWeight), options.CostWeight);
        CheckWeight(errors, nameof(options.StabilityWeight), options.StabilityWeight);
        if (options.BalanceWeight + options.PackingWeight + options.CostWeight + options.StabilityWeight <= 0)
        {
            errors.Add("At least one score weight must be positive.");
        }

        return errors;
    }

    private static void CheckWeight(List<string> errors, string name, double value)
    {
        if (!(value >= 0 && value <= 10))
        {
            errors.Add($"{name} must be within [0, 10] (was {value}).");
        }
    }
}
