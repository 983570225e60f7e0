using CloudGov.Domain;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// The smallest cover, as a pure function: the fewest items whose requests sum to at least the excess in every
/// dimension where it is positive, cheapest among equally few (as far as the bounded search sees), using only items
/// for which <c>usable</c> says yes (asked lazily, at most once per item). Bounded: at most <c>maxSize</c> items and
/// <c>nodeBudget</c> search nodes; empty when nothing is found within those bounds.
/// </summary>
internal static class CoverSearch
{
    /// <summary>Largest cover the exact search looks for; bigger excesses are left to the greedy loop.</summary>
    public const int MaxSize = 8;

    /// <summary>Search nodes one search may visit.</summary>
    public const int NodeBudget = 20_000;

    public static int[] Smallest(
        ResourceVector excess,
        ResourceVector alloc,
        IReadOnlyList<ResourceVector> requests,
        IReadOnlyList<double> costs,
        Func<int, bool> usable,
        IReadOnlyList<bool>? banned = null,
        int maxSize = MaxSize,
        int nodeBudget = NodeBudget) =>
        Smallest(excess, alloc, requests, costs, usable, out _, banned, maxSize, nodeBudget);

    /// <summary>
    /// As the other overload; <paramref name="nodesVisited"/> is the work it spent (for callers that budget their work).
    /// With <paramref name="countScans"/> the work (and <paramref name="nodeBudget"/>) counts every item looked at — the
    /// ordering pass and each step of a node's scan — not only the nodes, so it measures the time the search takes.
    /// </summary>
    public static int[] Smallest(
        ResourceVector excess,
        ResourceVector alloc,
        IReadOnlyList<ResourceVector> requests,
        IReadOnlyList<double> costs,
        Func<int, bool> usable,
        out int nodesVisited,
        IReadOnlyList<bool>? banned = null,
        int maxSize = MaxSize,
        int nodeBudget = NodeBudget,
        bool countScans = false)
    {
        nodesVisited = 0;
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(usable);
        var dims = new List<int>();
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (excess[d] > 0)
            {
                dims.Add(d);
            }
        }

        int n = requests.Count;
        if (dims.Count == 0 || n == 0)
        {
            return [];
        }

        // No cover is smaller than, per dimension, the count of largest requests needed to reach the excess. Only the
        // maxSize + 1 largest requests can be read by that count, so they are kept in a small descending buffer (one
        // pass over the items) instead of sorting every request.
        int minSize = 1;
        int keep = Math.Min(n, Math.Max(0, maxSize) + 1);
        var largest = new long[keep];
        foreach (int d in dims)
        {
            int held = 0;
            for (int i = 0; i < n; i++)
            {
                long v = requests[i][d];
                if (held == keep && v <= largest[held - 1])
                {
                    continue;
                }

                int j = held < keep ? held++ : held - 1;
                while (j > 0 && largest[j - 1] < v)
                {
                    largest[j] = largest[j - 1];
                    j--;
                }

                largest[j] = v;
            }

            long covered = 0;
            int k = 0;
            while (covered < excess[d] && k < held && k <= maxSize)
            {
                covered += largest[k++];
            }

            if (covered < excess[d] || k > maxSize)
            {
                return [];
            }

            minSize = Math.Max(minSize, k);
        }

        // Order by how much of the excess each covers, largest first; ties cheapest, then input order (sorted as keys,
        // not through a comparison delegate: this sort is the one part of a search that grows with the zone's size).
        var keys = new OrderKey[n];
        for (int i = 0; i < n; i++)
        {
            double c = 0;
            foreach (int d in dims)
            {
                c += (double)Math.Min(requests[i][d], excess[d]) / Math.Max(1, alloc[d]);
            }

            keys[i] = new OrderKey(c, costs[i], i);
        }

        Array.Sort(keys);
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = keys[i].Index;
        }

        // Per dimension, the largest request among order[i..] (for pruning).
        // The requests in the excess dimensions, read once into a flat array ([item * dims + k]) for the search's inner loops.
        int dc = dims.Count;
        var flat = new long[n * dc];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < dc; k++)
            {
                flat[(i * dc) + k] = requests[i][dims[k]];
            }
        }

        var suffixMax = new long[dims.Count * (n + 1)]; // [k * (n + 1) + i]: the largest request in dims[k] among order[i..]
        for (int k = 0; k < dims.Count; k++)
        {
            for (int i = n - 1; i >= 0; i--)
            {
                suffixMax[(k * (n + 1)) + i] = Math.Max(suffixMax[(k * (n + 1)) + i + 1], flat[(order[i] * dc) + k]);
            }
        }

        var feasible = new sbyte[n]; // 0 unknown, 1 usable, -1 not
        var chosen = new List<int>();
        int[]? best = null;
        double bestCost = double.MaxValue;
        int nodes = countScans ? n : 0;
        var remaining = new long[dims.Count];
        for (int size = minSize; size <= maxSize && best is null && nodes < nodeBudget; size++)
        {
            for (int k = 0; k < dims.Count; k++)
            {
                remaining[k] = excess[dims[k]];
            }

            Search(0, size, 0.0);
        }

        nodesVisited = nodes;
        return best ?? [];

        void Search(int start, int slots, double cost)
        {
            bool covered = true;
            for (int k = 0; k < remaining.Length; k++)
            {
                covered &= remaining[k] <= 0;
            }

            if (covered)
            {
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = [.. chosen];
                }

                return;
            }

            if (slots == 0 || ++nodes > nodeBudget)
            {
                return;
            }

            for (int i = start; i < n; i++)
            {
                if (countScans && ++nodes > nodeBudget)
                {
                    return;
                }

                for (int k = 0; k < remaining.Length; k++)
                {
                    if (remaining[k] > 0 && slots * suffixMax[(k * (n + 1)) + i] < remaining[k])
                    {
                        return; // nothing from here on can cover this dimension in time
                    }
                }

                int c = order[i];
                if ((banned is not null && banned[c]) || cost + costs[c] >= bestCost)
                {
                    continue;
                }

                if (feasible[c] == 0)
                {
                    feasible[c] = usable(c) ? (sbyte)1 : (sbyte)-1;
                }

                if (feasible[c] < 0)
                {
                    continue;
                }

                for (int k = 0; k < remaining.Length; k++)
                {
                    remaining[k] -= flat[(c * dc) + k];
                }

                chosen.Add(c);
                Search(i + 1, slots - 1, cost + costs[c]);
                chosen.RemoveAt(chosen.Count - 1);
                for (int k = 0; k < remaining.Length; k++)
                {
                    remaining[k] += flat[(c * dc) + k];
                }

                if (nodes > nodeBudget)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The search order: larger cover first, then cheaper, then input order.</summary>
    private readonly record struct OrderKey(double Cover, double Cost, int Index) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other)
        {
            int c = other.Cover.CompareTo(Cover);
            if (c != 0)
            {
                return c;
            }

            c = Cost.CompareTo(other.Cost);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }
}
