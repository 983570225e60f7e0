using CloudGov.ControlPlane.Hosting;
using CloudGov.Testing.Identity;
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
    private readonly WebApplication _app;

    private ControlPlaneProcess(WebApplication app, int grpcPort, int httpPort)
    {
        _app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Channel = TestTokens.Channel(GrpcAddress);
    }

    /// <summary>The gRPC endpoint.</summary>
    public Uri GrpcAddress { get; }

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

    public static async Task<ControlPlaneProcess> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        int grpc = FreePort.Next(), http = FreePort.Next();
        var all = new Dictionary<string, string?>
        {
            ["ControlPlane:GrpcPort"] = grpc.ToString(),
            ["ControlPlane:HttpPort"] = http.ToString(),
            ["Storage:SiloPort"] = FreePort.Next().ToString(),
            ["Storage:GatewayPort"] = FreePort.Next().ToString(),
            ["Storage:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{Guid.NewGuid():N}.db"),
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
        var app = ControlPlaneApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            builder.Logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new ControlPlaneProcess(app, grpc, http);
    }

    /// <summary>Stops the host gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
