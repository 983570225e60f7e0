namespace CloudGov.Domain;

/// <summary>One label (tag) on a workload, as its cloud or its intent carries it.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WorkloadLabel")]
public readonly record struct WorkloadLabel(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value);
