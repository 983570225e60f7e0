using System.Globalization;

namespace CloudGov.Demo;

/// <summary>
/// The demo's tenant hierarchy (Tenants:Seed), consistent with the departments the simulated zones' workloads name:
/// 广西 (gx) → the cities (nn, lz, gl, …) → the counties (wm under nn, ys under gl, lj under lz, pg under bs) → their
/// departments, plus the province's own departments under gx. Each department is allocated 1.5× its share of the
/// workloads its zones start with (95% of a zone's cores, as the simulator fills it, split evenly across its departments), each parent
/// what its children hold plus 20%, so the demo starts within quota with room for the README's walk-through, and
/// 南宁市大数据发展局 (nn-dsj) exists for the quota walk-through with a small allocation.
/// </summary>
public static class DemoTenants
{
    private static readonly Dictionary<string, (string Name, string Parent)> Levels = new(StringComparer.Ordinal)
    {
        ["gx"] = ("广西壮族自治区", ""),
        ["nn"] = ("南宁市", "gx"), ["lz"] = ("柳州市", "gx"), ["gl"] = ("桂林市", "gx"), ["wz"] = ("梧州市", "gx"),
        ["bh"] = ("北海市", "gx"), ["qz"] = ("钦州市", "gx"), ["yl"] = ("玉林市", "gx"), ["bs"] = ("百色市", "gx"),
        ["wm"] = ("南宁市武鸣区", "nn"), ["ys"] = ("桂林市阳朔县", "gl"), ["lj"] = ("柳州市柳江区", "lz"), ["pg"] = ("百色市平果市", "bs"),
    };

    /// <summary>The seed as command-line configuration (<c>--Tenants:Seed:i:Key=value</c>), to put before the user's own arguments.</summary>
    public static IEnumerable<string> SeedArgs()
    {
        var cores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var zone in DemoCloud.Zones)
        {
            foreach (var tenant in zone.Tenants)
            {
                cores[tenant] = cores.GetValueOrDefault(tenant) + (zone.Cores * 0.95 / zone.Tenants.Length);
            }
        }

        cores.TryAdd("nn-dsj", 0);
        var allocated = cores.ToDictionary(c => c.Key, c => (long)Math.Ceiling(Math.Max(c.Value * 1.5, 16)), StringComparer.Ordinal);
        var parentOf = cores.Keys.ToDictionary(t => t, t => t.Split('-')[0], StringComparer.Ordinal);

        // Parents hold what their children hold plus 20%, deepest first.
        foreach (var level in Levels.Keys.OrderByDescending(Depth))
        {
            long children = allocated.Where(a => ParentOf(a.Key, parentOf) == level).Sum(a => a.Value);
            allocated[level] = (long)Math.Ceiling(children * 1.2);
        }

        int i = 0;
        foreach (var (id, coreCount) in allocated.OrderBy(a => Depth(a.Key)).ThenBy(a => a.Key, StringComparer.Ordinal))
        {
            string name = Levels.TryGetValue(id, out var l) ? l.Name : id == "nn-dsj" ? "南宁市大数据发展局" : id;
            foreach (var (key, value) in new[]
            {
                ("Id", id), ("DisplayName", name), ("Parent", ParentOf(id, parentOf)),
                ("CpuMillicores", (coreCount * 1000).ToString(CultureInfo.InvariantCulture)),
                ("MemoryMiB", (coreCount * 4 * 1024).ToString(CultureInfo.InvariantCulture)),
                ("StorageGiB", (coreCount * 50).ToString(CultureInfo.InvariantCulture)),
            })
            {
                yield return $"--Tenants:Seed:{i}:{key}={value}";
            }

            i++;
        }
    }

    private static string ParentOf(string id, Dictionary<string, string> departments) =>
        Levels.TryGetValue(id, out var l) ? l.Parent : departments.GetValueOrDefault(id, "gx");

    private static int Depth(string id) => Levels.TryGetValue(id, out var l) ? (l.Parent.Length == 0 ? 0 : 1 + Depth(l.Parent)) : 1 + Depth(id.Split('-')[0]);
}
