namespace CloudGov.Scheduling.Rebalancing;

/// <summary>Checks <see cref="CloudGovRebalanceOptions"/>, including rules across settings.</summary>
public static class CloudGovRebalanceOptionsValidator
{
    /// <summary>The problems found; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(CloudGovRebalanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckBudget(errors, nameof(options.MaxMovesPerPlan), options.MaxMovesPerPlan);
        CheckBudget(errors, nameof(options.MaxMovesPerSourceZone), options.MaxMovesPerSourceZone);
        CheckBudget(errors, nameof(options.MaxMovesPerTenant), options.MaxMovesPerTenant);
        if (options.MaxMovesPerPlan is { } plan)
        {
            if (options.MaxMovesPerSourceZone > plan)
            {
                errors.Add($"{nameof(options.MaxMovesPerSourceZone)} ({options.MaxMovesPerSourceZone}) must not exceed {nameof(options.MaxMovesPerPlan)} ({plan}).");
            }

            if (options.MaxMovesPerTenant > plan)
            {
                errors.Add($"{nameof(options.MaxMovesPerTenant)} ({options.MaxMovesPerTenant}) must not exceed {nameof(options.MaxMovesPerPlan)} ({plan}).");
            }
        }

        if (options.Cooldown < TimeSpan.Zero || options.Cooldown > TimeSpan.FromDays(30))
        {
            errors.Add($"{nameof(options.Cooldown)} must be within [0, 30 days] (was {options.Cooldown}).");
        }

        if (!(options.BalanceTolerance > 0 && options.BalanceTolerance <= 1))
        {
            errors.Add($"{nameof(options.BalanceTolerance)} must be within (0, 1] (was {options.BalanceTolerance}).");
        }

        if (!(options.MinBalanceGain >= 0 && options.MinBalanceGain <= 1))
        {
            errors.Add($"{nameof(options.MinBalanceGain)} must be within [0, 1] (was {options.MinBalanceGain}).");
        }

        return errors;
    }

    private static void CheckBudget(List<string> errors, string name, int? value)
    {
        if (value is < 1)
        {
            errors.Add($"{name} must be at least 1 when set (was {value}).");
        }
    }
}
