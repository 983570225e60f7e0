namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>Builders for the records the zone grain tests send.</summary>
internal static class ZoneRecords
{
    /// <summary>A city zone's descriptor.</summary>
    public static ZoneDescriptor Descriptor(string name = "测试云区") => new(
        name, AdministrativeLevel.City, "450100", "Test Vendor", ProviderKind.Simulated,
        MlpsLevel.Level3, NetworkPlane.EGovExtranet, 1.5, 1.0, ImmutableDictionary<string, string>.Empty, "1.0.0");

    /// <summary>A report observed now (fake clock) with the given CPU usage and workloads.</summary>
    public static ZoneReportData Report(ulong sequence, long cpuUsage, params string[] workloadIds) => new(
        sequence,
        ZoneClusterFixture.Time.GetUtcNow(),
        new ResourceVector(64_000, 262_144, 4_000),
        new ResourceVector(cpuUsage, 100_000, 1_000),
        [.. workloadIds.Select(id => new WorkloadObservation(id, "nn-rsj", "社保核心", new ResourceVector(4000, 8192, 100), new ResourceVector(1000, 4096, 60), MlpsLevel.Level2, WorkloadState.Running))],
        [],
        Degraded: false);

    /// <summary>A fresh zone id, unique per test.</summary>
    public static string NewZoneId(string prefix = "z") => $"{prefix}-{Guid.NewGuid():N}"[..20];
}
