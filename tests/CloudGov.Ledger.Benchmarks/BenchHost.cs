using System.Globalization;
using CloudGov.ControlPlane.Hosting;
using CloudGov.Testing;
using CloudGov.Testing.Identity;
using CloudGov.Testing.Tls;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>A real single-node control plane in this process: SQLite in a temp file, free ports, no logging.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, int grpcPort, int agentPort, string sqlitePath)
    {
        App = app;
        GrpcPort = grpcPort;
        AgentAddress = new Uri($"https://127.0.0.1:{agentPort}");
        SqlitePath = sqlitePath;
    }

    public WebApplication App { get; }

    public int GrpcPort { get; }

    public string SqlitePath { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>The agent endpoint (mutual TLS, certificates from <see cref="TestCertificates.Shared"/>).</summary>
    public Uri AgentAddress { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchHost> StartAsync()
    {
        int grpcPort = FreePort.Next(), agentPort = FreePort.Next();
        string sqlitePath = Path.Combine(Path.GetTempPath(), $"cloudgov-ledger-bench-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>(TestCertificates.Shared.HostSettings(agentPort))
        {
            ["ControlPlane:GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["ControlPlane:HttpPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:ClusterId"] = $"ledger-bench-{Guid.NewGuid():N}",
            ["Storage:SqlitePath"] = sqlitePath,
            ["Zones:ReportInterval"] = "00:00:05",
            ["Zones:StalenessWindow"] = "00:30:00",
        };
        foreach (var (key, value) in TestTokens.HostSettings())
        {
            settings[key] = value;
        }

        var app = ControlPlaneApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Logging.ClearProviders();
        });
        await app.StartAsync();
        return new BenchHost(app, grpcPort, agentPort, sqlitePath);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(SqlitePath + suffix);
            }
            catch (IOException)
            {
                // Left in the temp folder.
            }
        }
    }
}
