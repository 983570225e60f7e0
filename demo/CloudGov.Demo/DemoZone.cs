namespace CloudGov.Demo;

/// <summary>One simulated zone of the demo's one cloud.</summary>
public sealed record DemoZone(
    string Id,
    string DisplayName,
    string Level,
    string RegionCode,
    string Vendor,
    int Mlps,
    string Plane,
    int Cores,
    int Workloads,
    double PeakLoad,
    string[] Tenants);
