using CloudGov.ControlPlane.Security;
using CloudGov.ControlPlane.AgentIdentity;
using CloudGov.ControlPlane.Dashboard;
using CloudGov.Dashboard.Hosting;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>Builds the control-plane application; used by Program.cs, the demo and the end-to-end tests.</summary>
public static class ControlPlaneApp
{
    /// <summary>Builds a control plane from command-line arguments and optional extra configuration.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLoggingDefaults();
        configure?.Invoke(builder);
        builder.AddControlPlaneEndpoints();
        builder.AddControlPlaneIdentity();
        builder.AddAgentIdentity();
        builder.AddControlPlaneSilo();
        builder.AddAgentGateway();
        builder.AddOperationsApi();
        builder.AddControlPlaneObservability();
        builder.AddControlPlaneTriggers();
        builder.AddDashboard();

        var app = builder.Build();
        app.MapControlPlane();
        app.MapOperationsDashboard();
        return app;
    }
}
