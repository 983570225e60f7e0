namespace CloudGov.Dashboard;

/// <summary>The web dashboard's settings (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>
    /// How often every view refreshes even without a push, as a safety net for a lost one-way signal. Default 30 s;
    /// 5 s to 10 min.
    /// </summary>
    public TimeSpan SafetyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The shortest time between two re-renders of one view on pushes (a burst of signals is one re-render). Default
    /// 1 s (a busy cloud re-renders each open view at most once a second); 0 to 10 s.
    /// </summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
