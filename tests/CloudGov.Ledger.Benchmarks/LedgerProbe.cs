using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>What the ledger holds, read from its shards through the host's grain factory.</summary>
internal static class LedgerProbe
{
    /// <summary>Records per reconciliation state across the 64 shards.</summary>
    public static async Task<Dictionary<ReconciliationState, int>> StatesAsync(IGrainFactory grains)
    {
        var parts = await Task.WhenAll(LedgerShards.All(grains).Select(s => s.CountsAsync()));
        return parts.SelectMany(p => p).GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
    }

    /// <summary>Waits until the ledger holds at least <paramref name="expected"/> records and, if given, <paramref name="settled"/> says the states are settled.</summary>
    public static async Task<Dictionary<ReconciliationState, int>> WaitAsync(IGrainFactory grains, int expected, Func<Dictionary<ReconciliationState, int>, bool>? settled, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Dictionary<ReconciliationState, int> states;
        do
        {
            states = await StatesAsync(grains);
            if (states.Values.Sum() >= expected && (settled is null || settled(states)))
            {
                return states;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"the ledger holds {states.Values.Sum():N0} records ({Describe(states)}) after {timeout.TotalSeconds:F0} s; expected {expected:N0}");
    }

    public static string Describe(Dictionary<ReconciliationState, int> states) =>
        string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"));
}
