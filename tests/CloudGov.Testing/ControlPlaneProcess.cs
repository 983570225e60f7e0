using System.Collections.Concurrent;
using CloudGov.ControlPlane.Hosting;
using CloudGov.Testing.Identity;
using CloudGov.Proto.Agent.V1;
using CloudGov.Testing.Tls;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CloudGov.Testing;

/// <summary>
/// A real control-plane host on free loopback ports (gRPC, HTTP, Orleans silo and gateway), started in this test
/// process with the same code as the executable.
/// </summary>
public sealed class ControlPlaneProcess : IAsyncDisposable
{
    /// <summary>The agent port given to each caller-chosen gRPC port, so a host restarted on the same settings keeps its agent port too.</summary>
    private static readonly ConcurrentDictionary<int, int> AgentPorts = new();

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, GrpcChannel> _agentChannels = new(StringComparer.Ordinal);

    private ControlPlaneProcess(WebApplication app, int grpcPort, int httpPort, int agentPort, TestCertificates certificates)
    {
        _app = app;
        Certificates = certificates;
        AgentAddress = new Uri($"https://127.0.0.1:{agentPort}");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Channel = TestTokens.Channel(GrpcAddress);
    }

    /// <summary>The gRPC endpoint.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The agent endpoint (mutual TLS; AgentService only).</summary>
    public Uri AgentAddress { get; }

    /// <summary>The CA this host trusts on its agent endpoint.</summary>
    public TestCertificates Certificates { get; }

    /// <summary>An AgentService client over mutual TLS presenting the certificate of <paramref name="zoneId"/> (one channel per zone, kept until disposal).</summary>
    public AgentService.AgentServiceClient AgentClient(string zoneId) => new(AgentChannel(zoneId));

    /// <summary>The mutual-TLS channel to the agent endpoint presenting the certificate of <paramref name="zoneId"/> (kept until disposal).</summary>
    public GrpcChannel AgentChannel(string zoneId) =>
        _agentChannels.GetOrAdd(zoneId, z => Certificates.AgentChannel(AgentAddress, z));

    /// <summary>The HTTP endpoint (/metrics, /healthz).</summary>
    public Uri HttpAddress { get; }

    /// <summary>A channel to the gRPC endpoint that sends <see cref="TestTokens.Operator"/> (a call's own authorization header wins).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a control plane with optional extra settings (e.g. <c>Zones:StalenessWindow</c>).</summary>
    /// <summary>
    /// Settings for end-to-end tests of plans: zones report every 200 ms, go stale after 5 s, commands are delivered
    /// within 50 ms and plans step every 100 ms with a 20 s move timeout. A new dictionary each call, to add to.
    /// </summary>
    public static Dictionary<string, string?> FastPlanSettings() => new()
    {
        ["Zones:ReportInterval"] = "00:00:00.200",
        ["Zones:StalenessWindow"] = "00:00:05",
        ["Zones:StateFlushInterval"] = "00:00:00.500",
        ["Zones:IndexPublishInterval"] = "00:00:00.200",
        ["Zones:CommandPollInterval"] = "00:00:00.050",
        ["Plans:Execution:PollInterval"] = "00:00:00.100",
        ["Plans:Execution:MoveTimeout"] = "00:00:20",
    };

    /// <remarks>
    /// The agent endpoint trusts <paramref name="certificates"/> (default <see cref="TestCertificates.Shared"/>); agents
    /// started with <see cref="AgentProcess.ZoneSettings"/> for <see cref="AgentAddress"/> connect over mutual TLS.
    /// </remarks>
    public static async Task<ControlPlaneProcess> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, TestCertificates? certificates = null)
    {
        certificates ??= TestCertificates.Shared;
        int grpc = FreePort.Next(), http = FreePort.Next();
        var all = new Dictionary<string, string?>
        {
            ["ControlPlane:GrpcPort"] = grpc.ToString(),
            ["ControlPlane:HttpPort"] = http.ToString(),
            ["ControlPlane:AgentPort"] = (settings is not null && settings.TryGetValue("ControlPlane:GrpcPort", out var chosen) && int.TryParse(chosen, out int chosenPort)
                ? AgentPorts.GetOrAdd(chosenPort, _ => FreePort.Next())
                : FreePort.Next()).ToString(),
            ["ControlPlane:AgentCertificateDirectory"] = certificates.Directory,
            ["Storage:SiloPort"] = FreePort.Next().ToString(),
            ["Storage:GatewayPort"] = FreePort.Next().ToString(),
            ["Storage:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{Guid.NewGuid():N}.db"),
            // Hand-driven test agents report no posture, which the baseline would quarantine: tests of the baseline (and
            // of agents reporting a full posture) turn it on with Baselines:Enabled=true.
            ["Baselines:Enabled"] = "false",
        };
        foreach (var (key, value) in TestTokens.HostSettings())
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        grpc = int.Parse(all["ControlPlane:GrpcPort"]!, System.Globalization.CultureInfo.InvariantCulture);
        http = int.Parse(all["ControlPlane:HttpPort"]!, System.Globalization.CultureInfo.InvariantCulture);
        int agent = int.Parse(all["ControlPlane:AgentPort"]!, System.Globalization.CultureInfo.InvariantCulture);
        var app = ControlPlaneApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            builder.Logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new ControlPlaneProcess(app, grpc, http, agent, certificates);
    }

    /// <summary>Stops the host gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        foreach (var channel in _agentChannels.Values)
        {
            channel.Dispose();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
