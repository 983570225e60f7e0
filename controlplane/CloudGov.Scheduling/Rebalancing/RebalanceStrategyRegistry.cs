namespace CloudGov.Scheduling.Rebalancing;

/// <summary>Maps strategy names to implementations (case-insensitive). Names are unique.</summary>
public sealed class RebalanceStrategyRegistry
{
    private readonly Dictionary<string, IRebalanceStrategy> _strategies = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a registry holding the given strategies.</summary>
    public RebalanceStrategyRegistry(IEnumerable<IRebalanceStrategy> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        foreach (IRebalanceStrategy strategy in strategies)
        {
            Register(strategy);
        }
    }

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _strategies.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Adds a strategy; throws when its name is taken.</summary>
    public void Register(IRebalanceStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (!_strategies.TryAdd(strategy.Name, strategy))
        {
            throw new ArgumentException($"a strategy named '{strategy.Name}' is already registered", nameof(strategy));
        }
    }

    /// <summary>The strategy with that name, if registered.</summary>
    public bool TryGet(string name, out IRebalanceStrategy strategy) =>
        _strategies.TryGetValue(name, out strategy!);

    /// <summary>The strategy with that name; throws <see cref="KeyNotFoundException"/> listing the known names.</summary>
    public IRebalanceStrategy Get(string name) =>
        TryGet(name, out IRebalanceStrategy s)
            ? s
            : throw new KeyNotFoundException($"no rebalance strategy named '{name}'; known: {string.Join(", ", Names)}");
}
