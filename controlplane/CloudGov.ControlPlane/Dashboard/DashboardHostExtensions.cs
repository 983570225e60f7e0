using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.Dashboard.Backend;
using CloudGov.Dashboard.Hosting;

namespace CloudGov.ControlPlane.Dashboard;

/// <summary>The host's side of the web dashboard: its backend over the host's identity and services, then the dashboard itself.</summary>
public static class DashboardHostExtensions
{
    /// <summary>Adds the dashboard (see <see cref="DashboardExtensions.AddOperationsDashboard"/>) with the host's backend.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IDashboardBackend, DashboardBackend>();
        builder.Services.AddSingleton<IQuotaDecisionSink, LiveQuotaSink>();
        return builder.AddOperationsDashboard(typeof(DashboardHostExtensions).Assembly);
    }
}
