namespace CloudGov.Dashboard.Hosting;

/// <summary>
/// Where the dashboard's static assets are described: the host's manifests first (they carry the dashboard's, MudBlazor's
/// and the framework's files whatever the entry point), the running application's when the host's are missing.
/// </summary>
internal sealed class DashboardAssets(string host, string application)
{
    /// <summary>The endpoints manifest (routes); null lets ASP.NET Core look for the application's own.</summary>
    public string? EndpointsManifest { get; } = Find("endpoints", host, application);

    /// <summary>The runtime manifest of a build (file locations); null after a publish.</summary>
    public string? RuntimeManifest { get; } = Find("runtime", host, application);

    private static string? Find(string kind, params string[] names) => names
        .Select(name => Path.Combine(AppContext.BaseDirectory, $"{name}.staticwebassets.{kind}.json"))
        .FirstOrDefault(File.Exists);
}
