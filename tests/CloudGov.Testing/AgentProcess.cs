using CloudGov.Agent;
using CloudGov.Agent.Connection;
using CloudGov.Agent.Providers;
using CloudGov.Testing.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudGov.Testing;

/// <summary>A real zone agent host (the agent executable's code) with a simulated provider.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly IHost _host;

    private AgentProcess(IHost host) => _host = host;

    /// <summary>The agent's state: sequences, backlog, connection.</summary>
    public AgentState State => _host.Services.GetRequiredService<AgentState>();

    /// <summary>The agent's provider.</summary>
    public IZoneProvider Provider => _host.Services.GetRequiredService<IZoneProvider>();

    /// <summary>
    /// Settings for a small valid zone; override any key. For an https:// address (a host's <c>AgentAddress</c>) the
    /// agent gets the zone's certificate from <paramref name="certificates"/> (default <see cref="TestCertificates.Shared"/>).
    /// </summary>
    public static Dictionary<string, string?> ZoneSettings(Uri controlPlane, string zoneId, int workloads = 25, TestCertificates? certificates = null)
    {
        var settings = PlainZoneSettings(controlPlane, zoneId, workloads);
        if (controlPlane.Scheme == Uri.UriSchemeHttps)
        {
            foreach (var (key, value) in (certificates ?? TestCertificates.Shared).AgentSettings(zoneId))
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static Dictionary<string, string?> PlainZoneSettings(Uri controlPlane, string zoneId, int workloads) => new()
    {
        ["Agent:ControlPlaneAddress"] = controlPlane.ToString(),
        ["Agent:ZoneId"] = zoneId,
        ["Agent:Provider"] = "Simulated",
        ["Agent:InitialReconnectDelay"] = "00:00:00.050",
        ["Agent:MaxReconnectDelay"] = "00:00:00.500",
        ["Agent:Zone:DisplayName"] = $"测试云区 {zoneId}",
        ["Agent:Zone:AdministrativeLevel"] = "City",
        ["Agent:Zone:RegionCode"] = "450100",
        ["Agent:Zone:Vendor"] = "Test Vendor",
        ["Agent:Zone:MlpsLevel"] = "3",
        ["Agent:Zone:NetworkPlane"] = "EGovExtranet",
        ["Agent:Simulation:Cores"] = "200",
        ["Agent:Simulation:Workloads"] = workloads.ToString(),
        ["Agent:Simulation:Seed"] = "42",
        // Every seeded workload declares its intent, so the ledger adopts it managed and plans may move it.
        ["Agent:Simulation:IntentShare"] = "1",
    };

    /// <summary>
    /// Declares (<c>Agent:Posture:*</c>) the posture facts of a compliant zone that a real provider cannot measure — location,
    /// dedicated pool, management separation, audit logging and retention, patch age, the MLPS certificate, SSH login,
    /// encryption at rest — so the baseline leaves the zone Ready; facts the provider measures win over these.
    /// </summary>
    public static void DeclareCompliantPosture(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in CompliantDeclaredPosture)
        {
            settings[$"Agent:Posture:{key}"] = value;
        }
    }

    /// <summary>The facts <see cref="DeclareCompliantPosture"/> declares.</summary>
    public static readonly IReadOnlyDictionary<string, string> CompliantDeclaredPosture = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["infra.location.country"] = "CN",
        ["data.location.country"] = "CN",
        ["pool.dedicated"] = "true",
        ["network.management_separated"] = "true",
        ["audit.logging"] = "enabled",
        ["audit.log_retention_days"] = "180",
        ["patch.max_age_days"] = "7",
        ["platform.mlps_certificate"] = "valid",
        ["ssh.password_auth"] = "disabled",
        ["storage.encryption_at_rest"] = "enabled",
    };

    /// <summary>
    /// Starts an agent with the given settings. Pass the <paramref name="provider"/> of an earlier agent to start a
    /// new agent for the same zone: the zone (its workloads) outlives its agent, as a real cloud does.
    /// </summary>
    public static async Task<AgentProcess> StartAsync(IDictionary<string, string?> settings, IZoneProvider? provider = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddZoneAgent();
        if (provider is not null)
        {
            builder.Services.AddSingleton(provider);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new AgentProcess(host);
    }

    /// <summary>Stops the agent.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
