namespace CloudGov.Scheduling.Benchmarks;

/// <summary>The instance families of the generator (see <see cref="InstanceGenerator"/>).</summary>
public enum InstanceFamily
{
    /// <summary>The original mix: heterogeneous zones, ~15 % of zones hot, mixed levels, planes and residency.</summary>
    Standard,

    /// <summary>A level-4 tier (30 % of zones) at 65–78 %, 15 % of it hot, holding only level-4 workloads; level-2/3 zones at 3–12 %.</summary>
    Tiered,

    /// <summary>Many tiny workloads (0.25–1 core) and about one per zone larger than 30 % of a zone.</summary>
    Bimodal,

    /// <summary>85 % of workloads may only live in their own city.</summary>
    CityLocked,

    /// <summary>Memory-heavy workloads (12–24 GiB per core) and GPU zones with GPU workloads that fit nowhere else.</summary>
    MemoryGpu,

    /// <summary>About 60 % of workloads in anti-affinity groups of 2–5.</summary>
    ManyGroups,

    /// <summary>Most zones over target, 35 % pinned: cooling every zone is impossible.</summary>
    Infeasible,

    /// <summary>Every zone at 35–60 %: nothing to do.</summary>
    Balanced,
}
