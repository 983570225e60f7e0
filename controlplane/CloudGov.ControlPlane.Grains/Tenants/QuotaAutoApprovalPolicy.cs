using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// Decides which new requests need no operator, and names the rule that decided: a small increase (within
/// <see cref="QuotaAutoApprovalOptions.MaxIncrease"/>) that fits what the parent (the one cloud, for a root) has left,
/// takes at most <see cref="QuotaAutoApprovalOptions.MaxShareOfParentRemaining"/> of it, and fits the one cloud's
/// capacity headroom; and decreases that keep every invariant. Everything else waits for an operator.
/// </summary>
internal sealed class QuotaAutoApprovalPolicy(QuotaAutoApprovalOptions options)
{
    /// <summary>The rule names, as the API returns them.</summary>
    public const string Off = "manual-auto-approval-off";
    public const string Decrease = "auto-approve-decrease";
    public const string DecreaseManual = "manual-decrease";
    public const string OverLimit = "manual-over-small-limit";
    public const string ParentShort = "manual-parent-short";
    public const string OverShare = "manual-over-parent-share";
    public const string NoHeadroom = "manual-capacity-headroom";
    public const string SmallIncrease = "auto-approve-small-increase";

    private const int MaxCachedReasons = 4_096;

    // Used by one grain's turns only (the policy is per grain activation), so a plain dictionary.
    private readonly Dictionary<string, string> _smallIncreaseReasons = new(StringComparer.Ordinal);

    /// <summary>The verdict for a new request.</summary>
    public QuotaVerdict Decide(TenantQuotaState state, TenantNode tenant, QuotaDirection direction, ResourceVector amount, QuotaReading reading)
    {
        if (!options.Enabled)
        {
            return new(false, Off, "auto-approval is off (Quota:AutoApproval:Enabled)");
        }

        if (direction == QuotaDirection.Decrease)
        {
            return options.ApproveDecreases
                ? new(true, Decrease, "a decrease that keeps every invariant is approved automatically")
                : new(false, DecreaseManual, "decreases need an operator (Quota:AutoApproval:ApproveDecreases)");
        }

        if (!amount.FitsWithin(options.MaxIncrease))
        {
            return new(false, OverLimit, $"the increase is above the small-increase limit {options.MaxIncrease}");
        }

        if (TenantHierarchy.ShortLevelForGrant(state, tenant, amount, reading.Capacity, out var left) is { } level)
        {
            return new(false, ParentShort, $"{level} has {ResourceVector.Max(left, ResourceVector.Zero)} left to give, less than the increase");
        }

        if (!amount.FitsWithin(left.Scale(options.MaxShareOfParentRemaining)))
        {
            return new(false, OverShare, $"the increase is more than {options.MaxShareOfParentRemaining:P0} of what {(tenant.IsRoot ? QuotaBook.OneCloudLevel : tenant.ParentId)} has left ({left})");
        }

        if (!amount.FitsWithin(reading.Headroom))
        {
            return new(false, NoHeadroom, $"the one cloud's capacity headroom ({reading.Headroom}) does not cover the increase");
        }

        return new(true, SmallIncrease, SmallIncreaseReason(tenant.IsRoot ? QuotaBook.OneCloudLevel : tenant.ParentId));
    }

    /// <summary>The reason text of a small increase under <paramref name="level"/>, formatted once per level (the grant path's hot text).</summary>
    private string SmallIncreaseReason(string level)
    {
        if (!_smallIncreaseReasons.TryGetValue(level, out var reason))
        {
            if (_smallIncreaseReasons.Count >= MaxCachedReasons)
            {
                _smallIncreaseReasons.Clear();
            }

            _smallIncreaseReasons[level] = reason = $"a small increase within {options.MaxIncrease} that fits what {level} has left and the capacity headroom";
        }

        return reason;
    }
}
