using System.Diagnostics;
using System.Globalization;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Common.V1;
using CloudGov.Testing;
using CloudGov.Testing.Identity;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Playwright;

// Usage: dotnet run -c Release --project tests/CloudGov.Dashboard.Benchmarks -- [--zones 200] [--workloads 500] [--browsers 10] [--reports 6000] [--rounds 3] [--refresh-ms 1000]
// --refresh-ms: the index flush tick and the dashboard's re-render coalescing (Dashboard:MinRefreshInterval), both 1 s by default as shipped.
int refreshMs = Arg("--refresh-ms", 1000);
int zones = Arg("--zones", 200), perZone = Arg("--workloads", 500), browsers = Arg("--browsers", 10), reports = Arg("--reports", 6000), rounds = Arg("--rounds", 3);
const int IngestStreams = 8;
Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
Console.WriteLine($"dashboard benchmark: {zones} zones x {perZone} workloads = {zones * perZone:N0} workloads, {browsers} browsers, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");

await using var host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
{
    ["Zones:ReportInterval"] = "00:00:01",
    ["Zones:StalenessWindow"] = "00:10:00",
    ["Zones:IndexFlushInterval"] = TimeSpan.FromMilliseconds(Math.Min(refreshMs, 1000)).ToString(),
    ["Zones:StateFlushInterval"] = "00:00:00.500",
    ["Dashboard:MinRefreshInterval"] = TimeSpan.FromMilliseconds(refreshMs).ToString(),
});

// 200 zones, each one stream with one report of its workloads (the cloud the overview shows).
var streams = new List<RawZone>();
for (int z = 0; z < zones; z++)
{
    streams.Add(await RawZone.OpenAsync(host, $"bench-zone-{z:D3}", z));
}

foreach (var (zone, i) in streams.Select((s, i) => (s, i)))
{
    await zone.ReportAsync(perZone);
}

var operations = new CloudGov.Proto.Operations.V1.OperationsService.OperationsServiceClient(host.Channel);
await Eventually.HoldsAsync(async () => (await operations.ListZonesAsync(new())).Zones.Sum(z => z.WorkloadCount) == zones * perZone, "every workload reported", TimeSpan.FromMinutes(5));

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
var dashboard = new Uri(host.HttpAddress, "dashboard");

// Time to first render: from navigation (signed in) to all 200 zone rows in the DOM, fresh context each round.
var firstRender = new List<double>();
for (int r = 0; r < rounds + 1; r++)
{
    var page = await SignInAsync();
    var watch = Stopwatch.StartNew();
    await page.GotoAsync(dashboard.ToString());
    await Assertions.Expect(page.Locator("[data-testid=zone-row]")).ToHaveCountAsync(zones, new() { Timeout = 120_000 });
    watch.Stop();
    if (r > 0)
    {
        firstRender.Add(watch.Elapsed.TotalMilliseconds);
        Console.WriteLine($"first render {r}: {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    await page.Context.CloseAsync();
}

// One live update: one zone reports one workload fewer; from the report to the overview's cell showing it.
var live = await SignInAsync();
await Assertions.Expect(live.Locator("[data-testid=zone-row]")).ToHaveCountAsync(zones, new() { Timeout = 120_000 });
var updates = new List<double>();
var cpu = new List<double>();
for (int r = 0; r < rounds * 3; r++)
{
    int count = perZone - 1 - r;
    var cell = live.Locator($"[data-testid=zone-row][data-zone='bench-zone-007'] [data-testid=workload-count]");
    var before = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    await streams[7].ReportAsync(count, wait: false);
    await Assertions.Expect(cell).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture), new() { Timeout = 30_000 });
    watch.Stop();
    updates.Add(watch.Elapsed.TotalMilliseconds);
    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
}

Console.WriteLine($"live update: median {Median(updates):F0} ms from report to the browser's cell (index flush + {refreshMs} ms re-render coalescing); process CPU per update median {Median(cpu):F0} ms (host + agent stream + browser driver, 200-zone re-render)");
await live.Context.CloseAsync();

// Ingest with none vs 10 browsers on the overview, alternating, same host, same run.
var ingest = new List<RawZone>();
for (int s = 0; s < IngestStreams; s++)
{
    ingest.Add(await RawZone.OpenAsync(host, $"ingest-zone-{s:D2}", s));
}

await IngestAsync(200); // warm-up
var none = new List<double>();
var with = new List<double>();
for (int r = 0; r < rounds; r++)
{
    none.Add(await IngestAsync(reports));
    var pages = new List<IPage>();
    for (int b = 0; b < browsers; b++)
    {
        var page = await SignInAsync();
        await Assertions.Expect(page.Locator("[data-testid=zone-row]")).ToHaveCountAsync(zones + IngestStreams, new() { Timeout = 120_000 });
        pages.Add(page);
    }

    with.Add(await IngestAsync(reports));
    foreach (var page in pages)
    {
        await page.Context.CloseAsync();
    }

    Console.WriteLine($"ingest round {r + 1}: none {none[^1]:N0} reports/s, {browsers} browsers {with[^1]:N0} reports/s, ratio {with[^1] / none[^1]:F2}");
}

Console.WriteLine($"median: first render {Median(firstRender):F0} ms; live update {Median(updates):F0} ms; ingest none {Median(none):N0} reports/s, with {browsers} browsers {Median(with):N0} reports/s, ratio {Median(with) / Median(none):F2} (target >= 0.90)");
Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (var s in streams.Concat(ingest))
{
    await s.DisposeAsync();
}

return 0;

async Task<double> IngestAsync(int perStream)
{
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(ingest.Select(async s =>
    {
        for (int i = 0; i < perStream; i++)
        {
            await s.ReportAsync(10, wait: false);
        }

        await s.FlushAsync();
    }));
    watch.Stop();
    return ingest.Count * (double)perStream / watch.Elapsed.TotalSeconds;
}

async Task<IPage> SignInAsync()
{
    var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync(dashboard.ToString());
    await page.GetByTestId("token").FillAsync(TestTokens.Operator);
    await page.GetByTestId("signin").ClickAsync();
    await page.WaitForURLAsync(url => url.TrimEnd('/').EndsWith("/dashboard", StringComparison.Ordinal), new() { Timeout = 60_000 });
    return page;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
}

int Arg(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>One zone's agent stream over mutual TLS, sending reports with rising sequence numbers.</summary>
internal sealed class RawZone : IAsyncDisposable
{
    private readonly Grpc.Core.AsyncDuplexStreamingCall<AgentMessage, ControlMessage> _call;
    private readonly string _zoneId;
    private readonly int _index;
    private readonly Task _drain;
    private ulong _sequence;
    private long _acknowledged;

    private RawZone(Grpc.Core.AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call, string zoneId, int index)
    {
        _call = call;
        _zoneId = zoneId;
        _index = index;
        _drain = Task.Run(async () =>
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                if (_call.ResponseStream.Current.Ack is { } ack)
                {
                    Interlocked.Exchange(ref _acknowledged, (long)ack.DurableSequence);
                }
            }
        });
    }

    public static async Task<RawZone> OpenAsync(ControlPlaneProcess host, string zoneId, int index)
    {
        var call = host.AgentClient(zoneId).Connect();
        await call.RequestStream.WriteAsync(new AgentMessage
        {
            Hello = new Hello
            {
                ZoneId = zoneId,
                AgentVersion = "bench",
                Provider = ProviderKind.Simulated,
                Zone = new ZoneDescriptor
                {
                    DisplayName = $"基准云区 {index:D3}",
                    AdministrativeLevel = index % 10 == 0 ? AdministrativeLevel.Province : index % 3 == 0 ? AdministrativeLevel.County : AdministrativeLevel.City,
                    RegionCode = index % 10 == 0 ? "450000" : $"45{1 + (index % 14):D2}00",
                    Vendor = "bench",
                    MlpsLevel = MlpsLevel._3,
                    NetworkPlane = NetworkPlane.EgovExtranet,
                },
            },
        });
        var zone = new RawZone(call, zoneId, index);
        return zone;
    }

    public async Task ReportAsync(int workloads, bool wait = true)
    {
        var report = new ZoneReport
        {
            Sequence = ++_sequence,
            ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Capacity = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 2_000_000, MemoryMib = 8_192_000, StorageGib = 100_000 },
            Usage = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 200_000 + (_index * 5000 % 1_200_000), MemoryMib = 3_000_000, StorageGib = 40_000 },
        };
        for (int w = 0; w < workloads; w++)
        {
            report.Workloads.Add(new WorkloadReport
            {
                WorkloadId = $"{_zoneId}-w{w:D4}",
                TenantId = $"bench-t{w % 20:D2}",
                System = $"sys-{w % 40}",
                Requests = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 50 },
                Usage = new CloudGov.Proto.Common.V1.ResourceVector { CpuMillicores = 800, MemoryMib = 2000, StorageGib = 20 },
                MlpsLevel = MlpsLevel._2,
                State = WorkloadState.Running,
            });
        }

        await _call.RequestStream.WriteAsync(new AgentMessage { Report = report });
        if (wait)
        {
            await FlushAsync();
        }
    }

    /// <summary>Waits until the host acknowledged every report sent.</summary>
    public Task FlushAsync() => Eventually.HoldsAsync(() => (ulong)Interlocked.Read(ref _acknowledged) >= _sequence, $"{_zoneId} acknowledged up to {_sequence}", TimeSpan.FromMinutes(2));

    public async ValueTask DisposeAsync()
    {
        await _call.RequestStream.CompleteAsync();
        try
        {
            await _drain;
        }
        catch (Grpc.Core.RpcException)
        {
        }

        _call.Dispose();
    }
}
