using System.Diagnostics;
using System.Globalization;
using System.Net;
using CloudGov.ControlPlane.Hosting;
using CloudGov.Testing;
using CloudGov.Testing.Tls;
using CloudGov.Ingest.Benchmarks;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Common.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Usage: dotnet run -c Release --project tests/CloudGov.Ingest.Benchmarks -- [--streams 16] [--reports 20000] [--workloads 10] [--storage sqlite|postgres] [--postgres "<conn>"] [--rounds 3] [--validate]
// --validate: only the wire boundary's cost: validating one report against parsing its bytes, in the same process.
var streams = Arg("--streams", 16);
var reportsPerStream = Arg("--reports", 20_000);
var workloads = Arg("--workloads", 10);
var rounds = Arg("--rounds", 3);
var storage = ArgString("--storage", "sqlite");
var postgres = ArgString("--postgres", Environment.GetEnvironmentVariable("CLOUDGOV_TEST_PG") ?? string.Empty);

Console.WriteLine($"ingest benchmark: {streams} streams x {reportsPerStream:N0} reports, {workloads} workloads per report, storage {storage}, {Environment.ProcessorCount} cores");
// One zone per stream, each with its own workloads (ids, tenants, systems, cloud labels and intent labels as agents
// send them), so the ledger adopts and reconciles every one of them.
var templates = Enumerable.Range(0, streams).Select(s => BuildTemplate(workloads, s)).ToArray();
Console.WriteLine($"report size: {templates[0].CalculateSize()} bytes");
if (args.Contains("--validate"))
{
    // The boundary's checks against the protobuf parse of the same bytes: a ratio that holds on a busy machine.
    var sample = templates[0].Clone();
    sample.Sequence = 1;
    byte[] bytes = Google.Protobuf.MessageExtensions.ToByteArray(sample);
    var ratios = new List<double>();
    var validateMs = new List<double>();
    const int Iterations = 400;
    for (int round = 0; round < Math.Max(rounds, 7); round++)
    {
        ZoneReport parsed = null!;
        var parse = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            parsed = ZoneReport.Parser.ParseFrom(bytes);
        }

        parse.Stop();
        var validate = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            CloudGov.ControlPlane.Grpc.AgentMessageValidator.ValidateReport(parsed, DateTimeOffset.UtcNow);
        }

        validate.Stop();
        ratios.Add(validate.Elapsed / parse.Elapsed);
        validateMs.Add(validate.Elapsed.TotalMilliseconds / Iterations);
        Console.WriteLine($"round {round + 1}: parse {parse.Elapsed.TotalMilliseconds / Iterations:F3} ms, validate {validate.Elapsed.TotalMilliseconds / Iterations:F3} ms, validate/parse {ratios[^1]:F2}");
    }

    Console.WriteLine($"median: validate {Median(validateMs):F3} ms per report = {Median(ratios):F2} x its parse");
    return 0;
}

// Reference: a no-op stream server with the same contract, same process, same client, same transport (TLS with a
// client certificate per zone, as the control plane's agent endpoint; the no-op accepts any client certificate).
var certificates = TestCertificates.Shared;
int noopPort = FreePort.Next();
var noop = WebApplication.CreateSlimBuilder();
noop.Logging.ClearProviders();
noop.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, noopPort, l =>
{
    l.Protocols = HttpProtocols.Http2;
    l.UseHttps(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificates.Authority.Files.ServerCertificate, certificates.Authority.Files.ServerKey), https =>
    {
        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
        https.AllowAnyClientCertificate();
    });
}));
noop.Services.AddGrpc(o => o.MaxReceiveMessageSize = 4 * 1024 * 1024);
var noopApp = noop.Build();
noopApp.MapGrpcService<NoOpAgentService>();
await noopApp.StartAsync();

// The full path: the real control plane (agent stream -> validation -> zone grain -> metrics).
int grpcPort = FreePort.Next(), agentPort = FreePort.Next();
var settings = new Dictionary<string, string?>(certificates.HostSettings(agentPort))
{
    ["ControlPlane:GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
    ["ControlPlane:HttpPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    ["Storage:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    ["Storage:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    ["Storage:ClusterId"] = $"bench-{Guid.NewGuid():N}",
    ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"cloudgov-bench-{Guid.NewGuid():N}.db"),
    ["Zones:ReportInterval"] = "00:00:01",
    ["Zones:StalenessWindow"] = "00:10:00",
};
foreach (var (key, value) in CloudGov.Testing.Identity.TestTokens.HostSettings())
{
    settings[key] = value;
}
if (storage == "postgres")
{
    if (string.IsNullOrEmpty(postgres))
    {
        Console.Error.WriteLine("--storage postgres needs --postgres \"<connection string>\" or CLOUDGOV_TEST_PG");
        return 2;
    }

    settings["Storage:Mode"] = "Postgres";
    settings["Storage:PostgresConnectionString"] = postgres;
}

var controlPlane = ControlPlaneApp.Build([], b =>
{
    b.Configuration.AddInMemoryCollection(settings);
    b.Logging.ClearProviders();
});
await controlPlane.StartAsync();

// Warm-up (JIT, connection pools, grain activations): measured, not counted.
await MeasureAsync(new Uri($"https://127.0.0.1:{noopPort}"), "noop-warmup", 0);
await MeasureAsync(new Uri($"https://127.0.0.1:{agentPort}"), "zone", 0);
var noopRates = new List<double>();
var fullRates = new List<double>();
ulong sequenceBase = (ulong)reportsPerStream;
for (int round = 1; round <= rounds; round++)
{
    double noopRate = await MeasureAsync(new Uri($"https://127.0.0.1:{noopPort}"), $"noop-{round}", 0);
    double fullRate = await MeasureAsync(new Uri($"https://127.0.0.1:{agentPort}"), "zone", sequenceBase);
    sequenceBase += (ulong)reportsPerStream;
    noopRates.Add(noopRate);
    fullRates.Add(fullRate);
    Console.WriteLine($"round {round}: no-op stream {noopRate,12:N0} msgs/s   full path {fullRate,12:N0} reports/s   ratio {fullRate / noopRate:F2}");
}

double noopMedian = Median(noopRates), fullMedian = Median(fullRates);

// Reconciliation was on: the ledger holds every workload the zones reported, adopted managed or unmanaged.
var ledger = await CloudGov.ControlPlane.Grains.Ledger.LedgerQueries.CountsAsync(controlPlane.Services.GetRequiredService<IGrainFactory>());
Console.WriteLine($"ledger: {ledger.Sum(c => c.Count):N0} records ({string.Join(", ", ledger.GroupBy(c => c.State).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Sum(c => c.Count):N0}"))})");
Console.WriteLine($"median: no-op {noopMedian:N0} msgs/s, full path {fullMedian:N0} reports/s, ratio {fullMedian / noopMedian:F2} (target >= 0.60 and >= 150,000 reports/s)");
await controlPlane.StopAsync();
await noopApp.StopAsync();
return 0;

async Task<double> MeasureAsync(Uri address, string zonePrefix, ulong firstSequence)
{
    // One mutual-TLS channel per zone: a connection proves one zone.
    var channels = Enumerable.Range(0, streams).Select(s => certificates.AgentChannel(address, $"{zonePrefix}-{s:D3}")).ToArray();
    var calls = channels.Select(c => new AgentService.AgentServiceClient(c).Connect()).ToArray();

    // Hello and Welcome before the clock starts.
    for (int s = 0; s < streams; s++)
    {
        await calls[s].RequestStream.WriteAsync(new AgentMessage { Hello = Hello($"{zonePrefix}-{s:D3}") });
        await calls[s].ResponseStream.MoveNext(CancellationToken.None);
    }

    var watch = Stopwatch.StartNew();
    await Task.WhenAll(calls.Select(async (call, s) =>
    {
        var drain = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        for (int i = 0; i < reportsPerStream; i++)
        {
            var report = templates[s].Clone();
            report.Sequence = firstSequence + (ulong)i + 1;
            await call.RequestStream.WriteAsync(new AgentMessage { Report = report });
        }

        await call.RequestStream.CompleteAsync();
        await drain; // the server ends the call only after it has handled every message
    }));
    watch.Stop();
    foreach (var call in calls)
    {
        call.Dispose();
    }

    foreach (var channel in channels)
    {
        channel.Dispose();
    }

    return streams * (double)reportsPerStream / watch.Elapsed.TotalSeconds;
}

static ZoneReport BuildTemplate(int workloadsPerReport, int stream)
{
    string[] tenants = ["gx-rst", "gx-ybj", "gx-gaj", "gx-jyt"];
    string[] systems = ["社保核心", "医保结算", "一网通办", "电子证照", "视频会议"];
    var template = new ZoneReport
    {
        ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Capacity = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 800_000, MemoryMib = 3_276_800, StorageGib = 40_000 },
        Usage = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 400_000, MemoryMib = 1_600_000, StorageGib = 20_000 },
    };
    for (int w = 0; w < workloadsPerReport; w++)
    {
        var workload = new WorkloadReport
        {
            WorkloadId = $"z{stream:D3}-w-{w:D4}",
            TenantId = tenants[w % tenants.Length],
            System = systems[w % systems.Length],
            Requests = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 4000, MemoryMib = 8192, StorageGib = 200 },
            Usage = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 1500, MemoryMib = 5000, StorageGib = 120 },
            MlpsLevel = MlpsLevel._2,
            State = WorkloadState.Running,
        };
        workload.Labels["app"] = $"app-{w % 50}";
        workload.Labels["env"] = "prod";
        if (w % 3 != 0)
        {
            // Two thirds declare their intent (adopted managed), one third do not (adopted unmanaged, pinned).
            workload.Labels["cloudgov.io/allowed-regions"] = "4501";
            workload.Labels["cloudgov.io/network-plane"] = "egov-extranet";
        }

        template.Workloads.Add(workload);
    }

    return template;
}

static Hello Hello(string zoneId) => new()
{
    ZoneId = zoneId,
    AgentVersion = "bench",
    Provider = ProviderKind.Simulated,
    Zone = new ZoneDescriptor
    {
        DisplayName = "基准测试云区",
        AdministrativeLevel = AdministrativeLevel.City,
        RegionCode = "450100",
        Vendor = "bench",
        MlpsLevel = MlpsLevel._3,
        NetworkPlane = NetworkPlane.EgovExtranet,
    },
};

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted[sorted.Count / 2];
}

int Arg(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string ArgString(string name, string fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
