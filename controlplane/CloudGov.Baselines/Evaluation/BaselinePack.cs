using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Evaluation;

/// <summary>The rules in force: the built-in pack plus custom rules, ids unique, split by subject for evaluation.</summary>
public sealed class BaselinePack
{
    private readonly Dictionary<string, IBaselineRule> _byId;

    /// <summary>A pack of <paramref name="rules"/>.</summary>
    /// <exception cref="ArgumentException">Two rules share an id.</exception>
    public BaselinePack(IEnumerable<IBaselineRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _byId = new Dictionary<string, IBaselineRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!_byId.TryAdd(rule.Descriptor.Id, rule))
            {
                throw new ArgumentException($"two baseline rules share the id '{rule.Descriptor.Id}'", nameof(rules));
            }
        }

        Rules = [.. _byId.Values.OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal)];
        ZoneRules = [.. Rules.Where(r => r.Descriptor.Subject == RuleSubject.Zone)];
        WorkloadRules = [.. Rules.Where(r => r.Descriptor.Subject is RuleSubject.Workload or RuleSubject.WorkloadInZone)];
    }

    /// <summary>The built-in pack alone.</summary>
    public static BaselinePack BuiltIn() => new(BuiltInPack.Rules());

    /// <summary>Every rule, ordered by id.</summary>
    public IReadOnlyList<IBaselineRule> Rules { get; }

    /// <summary>The rules over a zone alone.</summary>
    public IReadOnlyList<IBaselineRule> ZoneRules { get; }

    /// <summary>The rules over a workload (alone or in its zone).</summary>
    public IReadOnlyList<IBaselineRule> WorkloadRules { get; }

    /// <summary>The rule of <paramref name="id"/>, or null.</summary>
    public IBaselineRule? Find(string id) => _byId.GetValueOrDefault(id);
}
