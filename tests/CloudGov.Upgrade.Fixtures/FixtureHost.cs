using System.Globalization;
using CloudGov.ControlPlane.Hosting;
using CloudGov.Testing;
using CloudGov.Testing.Identity;
using CloudGov.Testing.Tls;
using Grpc.Net.Client;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>The current control plane, started in this process on the given storage, on free loopback ports.</summary>
internal sealed class FixtureHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private readonly Uri _agentAddress;
    private readonly List<GrpcChannel> _agentChannels = [];

    private FixtureHost(WebApplication app, int grpcPort, int agentPort)
    {
        _app = app;
        Channel = TestTokens.Channel(new Uri($"http://127.0.0.1:{grpcPort}"));
        _agentAddress = new Uri($"https://127.0.0.1:{agentPort}");
    }

    /// <summary>A mutual-TLS channel to its agent endpoint with the test certificate of <paramref name="zoneId"/>.</summary>
    public GrpcChannel AgentChannel(string zoneId)
    {
        var channel = TestCertificates.Shared.AgentChannel(_agentAddress, zoneId);
        _agentChannels.Add(channel);
        return channel;
    }

    /// <summary>A channel to its gRPC endpoint.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Its grain factory, to read what the public API does not show (the zones' pending commands).</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts a host. The settings keep the fixture's state still while it is written: zones stay Ready, plans and
    /// placements do not lapse for as long as the settings allow, and what is written behind (zones' utilization, the
    /// ledger's adoptions) reaches storage at shutdown, so the fixture also proves the shutdown flush.
    /// </summary>
    public static async Task<FixtureHost> StartAsync(IReadOnlyDictionary<string, string?> storage)
    {
        int grpc = FreePort.Next(), agent = FreePort.Next();
        var settings = new Dictionary<string, string?>(TestCertificates.Shared.HostSettings(agent))
        {
            ["ControlPlane:GrpcPort"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["ControlPlane:HttpPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Zones:StalenessWindow"] = "00:10:00",
            ["Zones:StateFlushInterval"] = "00:05:00",
            ["Zones:IndexPublishInterval"] = "00:00:00.100",
            ["Zones:CommandPollInterval"] = "00:00:00.100",
            ["Ledger:FlushInterval"] = "00:01:00",
            ["Plans:ExpireAfter"] = "7.00:00:00",
            ["Placement:CommandDeadline"] = "1.00:00:00",
        };
        foreach (var (key, value) in TestTokens.HostSettings().Concat(storage))
        {
            settings[key] = value;
        }

        var app = ControlPlaneApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        return new FixtureHost(app, grpc, agent);
    }

    /// <summary>Stops the host gracefully (grains deactivate and write what they hold behind) and closes its storage.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Channel.Dispose();
        _agentChannels.ForEach(c => c.Dispose());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
