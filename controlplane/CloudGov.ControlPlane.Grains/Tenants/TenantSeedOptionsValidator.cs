using CloudGov.ControlPlane.Grains.Placement;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>Checks the seed: valid unique ids, known parents, no cycles, bounded amounts, children within their parent.</summary>
internal sealed class TenantSeedOptionsValidator : IValidateOptions<TenantSeedOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantSeedOptions options)
    {
        var errors = new List<string>();
        var byId = new Dictionary<string, TenantSeedEntry>(StringComparer.Ordinal);
        for (int i = 0; i < options.Seed.Count; i++)
        {
            var t = options.Seed[i];
            string key = $"{TenantSeedOptions.SectionName}:Seed:{i}";
            if (!PlacementRequestValidator.IsValidId(t.Id))
            {
                errors.Add($"{key}:Id is not a valid tenant id (1-128 characters, no whitespace or control characters).");
                continue;
            }

            if (!byId.TryAdd(t.Id, t))
            {
                errors.Add($"{key}:Id {t.Id} is listed twice.");
            }

            if (t.DisplayName.Length > WireLimits.MaxDisplayNameLength)
            {
                errors.Add($"{key}:DisplayName is longer than {WireLimits.MaxDisplayNameLength} characters.");
            }

            var a = t.Allocated;
            if (!a.IsNonNegative || !a.FitsWithin(new ResourceVector(QuotaOptions.MaxAmount, QuotaOptions.MaxAmount, QuotaOptions.MaxAmount, QuotaOptions.MaxAmount)))
            {
                errors.Add($"{key}: every amount must be from 0 to 2^40.");
            }
        }

        foreach (var t in byId.Values)
        {
            if (t.Parent.Length > 0 && !byId.ContainsKey(t.Parent))
            {
                errors.Add($"{TenantSeedOptions.SectionName}: {t.Id}'s parent {t.Parent} is not listed.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { t.Id };
            for (var p = t.Parent; p.Length > 0 && byId.TryGetValue(p, out var parent); p = parent.Parent)
            {
                if (!seen.Add(p))
                {
                    errors.Add($"{TenantSeedOptions.SectionName}: {t.Id} lies on a cycle of parents.");
                    break;
                }
            }
        }

        if (errors.Count == 0)
        {
            foreach (var parent in byId.Values)
            {
                var children = byId.Values.Where(c => c.Parent == parent.Id).Aggregate(ResourceVector.Zero, (sum, c) => sum + c.Allocated);
                if (!children.FitsWithin(parent.Allocated))
                {
                    errors.Add($"{TenantSeedOptions.SectionName}: the children of {parent.Id} hold {children}, more than its {parent.Allocated}.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
