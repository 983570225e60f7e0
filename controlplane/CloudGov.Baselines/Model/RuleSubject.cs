namespace CloudGov.Baselines.Model;

/// <summary>What a rule judges. Values equal the baseline API's RuleSubject.</summary>
public enum RuleSubject
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>A zone, from its posture facts and descriptor.</summary>
    Zone = 1,

    /// <summary>A workload, from its intent and what is observed of it.</summary>
    Workload = 2,

    /// <summary>A workload placed in a zone: judged at placement, at every migration and while it runs there.</summary>
    WorkloadInZone = 3,
}
