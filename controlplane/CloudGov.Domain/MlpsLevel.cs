namespace CloudGov.Domain;

/// <summary>
/// The MLPS 2.0 (等保 2.0, GB/T 22239-2019) protection level. A zone is certified for a level; a workload
/// requires one. A zone never hosts a workload of a higher level than its own.
/// </summary>
[GenerateSerializer, Alias("cloudgov.MlpsLevel")]
public enum MlpsLevel
{
    /// <summary>Not set; rejected by validation.</summary>
    Unspecified = 0,

    /// <summary>Level 1 (第一级).</summary>
    Level1 = 1,

    /// <summary>Level 2 (第二级).</summary>
    Level2 = 2,

    /// <summary>Level 3 (第三级).</summary>
    Level3 = 3,

    /// <summary>Level 4 (第四级).</summary>
    Level4 = 4,
}
