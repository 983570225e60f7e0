using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Tenant.V1;
using CloudGov.Testing;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

// RequestQuota against an authenticated no-op (GetQuotaRequest of a known request) on one host, alternating phases so
// both see the same machine, in two scenarios per concurrency level:
// - "decided": the city has room for every request, so every call is a durable, journaled grant (a decision and its two
//   chained audit entries committed before the answer) -- the path no shortcut serves;
// - "exhausted": the callers race for a city whose quota holds only part of what is asked: once it is given out, every
//   request is checked against the short parent, filed pending (journaled), then refused at the pending limit
//   (back-pressure, answered once what it saw is stored).
// Prints p50/p99, throughput, the ratios, and over-grants found in the stored hierarchy afterwards.
int[] levels = [16, 64];
// Arguments: [phase seconds (default 3)] [--no-fsync] [--only=decided|exhausted] [--kind=noop|quota]. --only runs one
// scenario, --kind one kind of call (diagnostics, e.g. to profile one path; a skipped kind reports no ratio).
// --no-fsync is a diagnostic only (SQLite commits without fsync,
// Storage:SqliteSynchronousFull=false): it shows how much of the quota path's cost is the disk; the targets are
// measured with the default (fsync on every commit).
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
bool noFsync = args.Contains("--no-fsync");
string[] scenarios = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal)) is { } only
    ? [only["--only=".Length..]]
    : ["decided", "exhausted"];
string? kindOnly = args.FirstOrDefault(a => a.StartsWith("--kind=", StringComparison.Ordinal))?["--kind=".Length..];
// --alloc-types (diagnostic): the runtime's allocation sampling (one event per ~100 KiB allocated, with the type of
// the object that crossed it) split by kind of call, printed as each kind's top types in KiB per call.
using var allocations = args.Contains("--alloc-types") ? new AllocationTypes() : null;
var phase = TimeSpan.FromSeconds(numbers.Count > 0 ? double.Parse(numbers[0], CultureInfo.InvariantCulture) : 3);
const int Rounds = 3;
const int Departments = 64;
const long CityCores = 200;   // exhausted: 200 one-core grants per city, then the city is short
const long RoomyCityCores = 400_000;   // decided: more one-core grants than the phases can ask for
const string WarmCity = "warm";
const long WarmCityCores = 100_000;   // warm-up: room for every grant one phase asks for

var settings = new Dictionary<string, string?>
{
    ["Zones:ReportInterval"] = "00:00:01",
    ["Zones:IndexPublishInterval"] = "00:00:00.500",
    ["Quota:AutoApproval:MaxShareOfParentRemaining"] = "1",
    ["Logging:LogLevel:Default"] = "Warning",
    // The per-identity rate limit (identity's) would cap each caller near 100 calls/s in both phases alike; this measures the quota path.
    ["Identity:RateLimit:Enabled"] = "false",
    ["Storage:SqliteSynchronousFull"] = noFsync ? "false" : "true",
};
int seed = 0;
void Tenant(string id, string parent, long cores)
{
    settings[$"Tenants:Seed:{seed}:Id"] = id;
    settings[$"Tenants:Seed:{seed}:Parent"] = parent;
    settings[$"Tenants:Seed:{seed}:CpuMillicores"] = (cores * 1000).ToString(CultureInfo.InvariantCulture);
    settings[$"Tenants:Seed:{seed}:MemoryMiB"] = (cores * 4096).ToString(CultureInfo.InvariantCulture);
    settings[$"Tenants:Seed:{seed}:StorageGiB"] = (cores * 50).ToString(CultureInfo.InvariantCulture);
    seed++;
}

Tenant("bench", "", 1_000_000);
// Warm-up: a roomy city of its own, so the JIT's tiering (a third of the CPU in the first seconds of a cold process,
// measured with perf) and the first capacity reading are behind both kinds before anything is measured.
Tenant(WarmCity, "bench", WarmCityCores);
for (int d = 0; d < Departments; d++)
{
    Tenant($"{WarmCity}-d{d:D2}", WarmCity, 0);
}

foreach (string scenario in scenarios)
{
    foreach (int level in levels)
    {
        Tenant(City(scenario, level), "bench", scenario == "decided" ? RoomyCityCores : CityCores);
        for (int d = 0; d < Departments; d++)
        {
            Tenant($"{City(scenario, level)}-d{d:D2}", City(scenario, level), 0);
        }
    }
}

await using var host = await ControlPlaneProcess.StartAsync(settings);
await using var agent = await AgentProcess.StartAsync(new Dictionary<string, string?>(AgentProcess.ZoneSettings(host.AgentAddress, "bench-quota-zone", workloads: 0))
{
    ["Agent:Simulation:Cores"] = "100000",
});
var operatorClient = new QuotaService.QuotaServiceClient(host.Channel);
await Eventually.HoldsAsync(async () =>
{
    var probe = await operatorClient.ListTenantsAsync(new ListTenantsRequest());
    return probe.Tenants.Count == seed;
}, "the seeded tenants");

// Load-independent figures: the process's CPU time and allocations per call of each kind (client and server share the
// process, so both phases carry the same client cost), the quota grain's commits (meter CloudGov.Quota) and the SQLite
// writer's own time per batch and per COMMIT (meter CloudGov.Sqlite; its batches include the few other writes).
var commitStats = new CommitStats();
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) =>
{
    if (instrument.Meter.Name is "CloudGov.Quota" or "CloudGov.Sqlite")
    {
        l.EnableMeasurementEvents(instrument);
    }
};
listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => commitStats.Add(instrument.Name, value));
listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => commitStats.Add(instrument.Name, value));
listener.Start();
var costs = new List<string>();

// Warm-up (not measured): both kinds at the highest concurrency until a grant is decided at once (the zone's capacity
// is known), then one phase of each.
{
    var warm = Enumerable.Range(0, levels.Max()).Select(i => (Tenant: $"{WarmCity}-d{i % Departments:D2}", Client: new QuotaService.QuotaServiceClient(TestTokens.Channel(host.GrpcAddress, TestTokens.Tenant($"{WarmCity}-d{i % Departments:D2}"))))).ToList();
    int warmKeys = 0;
    await Eventually.HoldsAsync(async () =>
    {
        var probe = warm[warmKeys % warm.Count];   // a different department each try: a pending probe never meets the pending limit
        return (await probe.Client.RequestQuotaAsync(Ask(probe.Tenant, $"warm-probe-{warmKeys++}"))).State == QuotaRequestState.Approved;
    }, "a one-core request auto-approved (the zone's capacity known)");
    var seen = new List<string>();
    foreach (var (tenant, client) in warm)
    {
        seen.Add((await client.RequestQuotaAsync(Ask(tenant, $"warm-known-{seen.Count}", cores: 16))).RequestId);   // pending: never dropped by the retention
    }

    // Until the runtime's tiered JIT is done with both paths: perf showed its background worker at a quarter of the
    // process's CPU for tens of seconds into a cold run, which the slower kind pays more of per call. At most 12 pairs.
    for (int pair = 0; pair < 12; pair++)
    {
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await RunAsync(warm.Count, phase, new Sample(), async i => { await warm[i].Client.GetQuotaRequestAsync(new GetQuotaRequestRequest { RequestId = seen[i] }); return "ok"; });
        await RunAsync(warm.Count, phase, new Sample(), async i => (await warm[i].Client.RequestQuotaAsync(Ask(warm[i].Tenant, $"warm-{Interlocked.Increment(ref warmKeys)}"))).State.ToString());
        double share = (System.Runtime.JitInfo.GetCompilationTime() - jit) / (Process.GetCurrentProcess().TotalProcessorTime - cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {pair + 1}: {System.Runtime.JitInfo.GetCompiledMethodCount() - methods} methods compiled, JIT {share:P1} of the CPU"));
        if (share < 0.02)
        {
            break;
        }
    }
}

Console.WriteLine($"load average at start: {LoadAverage()}");
Console.WriteLine($"CloudGov quota benchmark: {Environment.ProcessorCount} cores, {phase.TotalSeconds:0.#} s phases x {Rounds} rounds, in-process host on SQLite"
    + (noFsync ? " -- DIAGNOSTIC: commits without fsync, not the target configuration" : " (fsync on every commit)"));
Console.WriteLine("scenario  | callers | no-op p50 / p99 ms | no-op req/s | quota p50 / p99 ms | quota req/s | p99 ratio (<= 2) | throughput ratio (>= 0.5) | outcomes");
bool pass = true;
foreach (string scenario in scenarios)
foreach (int callers in levels)
{
    string city = City(scenario, callers);
    var clients = Enumerable.Range(0, callers).Select(i =>
    {
        string tenant = $"{city}-d{i % Departments:D2}";
        return (Tenant: tenant, Client: new QuotaService.QuotaServiceClient(TestTokens.Channel(host.GrpcAddress, TestTokens.Tenant(tenant))));
    }).ToList();

    // Each caller's no-op reads a request of its own tenant (filed once, before measuring). Where tens of thousands of
    // grants follow (decided), it is a pending one (16 cores, above the small-increase limit): the retention drops the
    // oldest decided requests, never a pending one. The exhausted scenario keeps its one-core seeds (they are part of
    // the race for the city's 200 cores, and its pending limit stays whole).
    var known = new List<string>();
    foreach (var (tenant, client) in clients)
    {
        var r = await client.RequestQuotaAsync(Ask(tenant, $"seed-{tenant}-{known.Count}", scenario == "decided" ? 16 : 1));
        known.Add(r.RequestId);
    }

    var noop = new Sample();
    var quota = new Sample();
    var noopCost = new Cost();
    var quotaCost = new Cost();
    var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
    int sequence = 0;
    for (int round = 0; round < Rounds; round++)
    {
        allocations?.Into("noop");
        noopCost.Start(noop.Count, commitStats);
        await RunAsync(callers, kindOnly is null or "noop" ? phase : TimeSpan.Zero, noop, async i => { await clients[i].Client.GetQuotaRequestAsync(new GetQuotaRequestRequest { RequestId = known[i] }); return "ok"; });
        noopCost.Stop(noop.Count, commitStats);
        allocations?.Into("quota");
        quotaCost.Start(quota.Count, commitStats);
        await RunAsync(callers, kindOnly is null or "quota" ? phase : TimeSpan.Zero, quota, async i =>
        {
            var (tenant, client) = clients[i];
            try
            {
                var answer = await client.RequestQuotaAsync(Ask(tenant, $"{city}-k{Interlocked.Increment(ref sequence)}"));
                return answer.State.ToString();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && ex.Status.Detail.Contains("pending requests", StringComparison.Ordinal))
            {
                return "pending-limit";
            }
        }, outcomes);
        quotaCost.Stop(quota.Count, commitStats);
        allocations?.Into(null);
    }

    allocations?.Print($"{scenario} {callers}", noop.Count, quota.Count);

    costs.Add(string.Create(CultureInfo.InvariantCulture,
        $"{scenario,-9} | {callers,7} | {noopCost.CpuMicroseconds,16:0} | {noopCost.AllocatedKiB,14:0.0} | {quotaCost.CpuMicroseconds,16:0} | {quotaCost.AllocatedKiB,14:0.0} | {quotaCost.Commits,7:0} | {quotaCost.CommandsPerCommit,17:0.0} | {quotaCost.CommitMs,13:0.00} | {quotaCost.WriterBatchMs,20:0.00} / {quotaCost.WriterCommitMs,5:0.00} | {quotaCost.DecideMicroseconds,9:0.0} | {noopCost.GcPauseMicroseconds,6:0.0} / {quotaCost.GcPauseMicroseconds,6:0.0} | {noopCost.OlderCollections,13} | {quotaCost.OlderCollections,13} | {noopCost.JitMicroseconds,6:0.0} / {quotaCost.JitMicroseconds,6:0.0}"));

    // Over-grants: the city's children never hold more than the city, and what they hold is exactly what was granted.
    var tree = await operatorClient.ListTenantsAsync(new ListTenantsRequest { TenantId = city });
    long given = tree.Tenants.Where(t => t.ParentId == city).Sum(t => t.Allocated.CpuMillicores);
    var all = await operatorClient.ListQuotaRequestsAsync(new ListQuotaRequestsRequest { TenantId = city, Limit = 500 });
    long cityCpu = tree.Tenants.Single(t => t.TenantId == city).Allocated.CpuMillicores;
    long overGrants = Math.Max(0, given - cityCpu) / 1000;

    double p99Ratio = quota.P(0.99) / noop.P(0.99);
    double rateRatio = quota.Rate / noop.Rate;
    bool ok = p99Ratio <= 2 && rateRatio >= 0.5 && overGrants == 0;
    pass &= ok;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scenario,-9} | {callers,7} | {noop.P(0.5),7:0.00} / {noop.P(0.99),6:0.00} | {noop.Rate,11:0} | {quota.P(0.5),8:0.00} / {quota.P(0.99),6:0.00} | {quota.Rate,11:0} | {p99Ratio,16:0.00} | {rateRatio,25:0.00} | granted {given / 1000} of {cityCpu / 1000} cores, over-grants {overGrants}; {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}{(ok ? "" : "  FAIL")}"));
}

Console.WriteLine();
Console.WriteLine("cost per call (process CPU and allocations include the in-process clients; commits and decide time: the quota grain)");
Console.WriteLine("scenario  | callers | no-op CPU us/call | no-op KiB/call | quota CPU us/call | quota KiB/call | commits | commands/commit | ms/commit | writer ms/batch / COMMIT | decide us | GC pause us/call no-op / quota | no-op gen1/gen2 per 1k | quota gen1/gen2 per 1k | JIT us/call no-op / quota");
costs.ForEach(Console.WriteLine);
Console.WriteLine($"load average at end: {LoadAverage()}");
Console.WriteLine(pass ? "PASS" : "FAIL");
return pass ? 0 : 1;

static string City(string scenario, int callers) => scenario == "decided" ? $"roomy{callers}" : $"city{callers}";

static RequestQuotaRequest Ask(string tenant, string key, long cores = 1) => new()
{
    TenantId = tenant,
    Direction = QuotaDirection.Increase,
    Amount = new Common.ResourceVector { CpuMillicores = cores * 1000, MemoryMib = cores * 4096, StorageGib = cores * 50 },
    Justification = "benchmark: one more core",
    IdempotencyKey = key,
};

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static async Task RunAsync(int callers, TimeSpan duration, Sample sample, Func<int, Task<string>> call, Dictionary<string, int>? outcomes = null)
{
    var clock = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, callers).Select(async i =>
    {
        var local = new List<double>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (clock.Elapsed < duration)
        {
            long start = Stopwatch.GetTimestamp();
            string outcome = await call(i);
            local.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            seen[outcome] = seen.GetValueOrDefault(outcome) + 1;
        }

        return (local, seen);
    }).ToList();
    foreach (var (local, seen) in await Task.WhenAll(tasks))
    {
        sample.Add(local, clock.Elapsed);
        if (outcomes is not null)
        {
            foreach (var (k, v) in seen)
            {
                outcomes[k] = outcomes.GetValueOrDefault(k) + v;
            }
        }
    }

    sample.AddTime(clock.Elapsed);
}

/// <summary>Latencies and calls over the phases of one kind.</summary>
internal sealed class Sample
{
    private readonly List<double> _ms = [];
    private TimeSpan _time;

    public double Rate => _ms.Count / _time.TotalSeconds;

    public int Count => _ms.Count;

    public void Add(List<double> ms, TimeSpan _) => _ms.AddRange(ms);

    public void AddTime(TimeSpan elapsed) => _time += elapsed;

    public double P(double q)
    {
        var sorted = _ms.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}

/// <summary>Sums of the quota grain's instruments (MeterListener callbacks may run on any thread).</summary>
internal sealed class CommitStats
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (double Sum, long Count)> _sums = new(StringComparer.Ordinal);

    public void Add(string name, double value)
    {
        lock (_lock)
        {
            var (sum, count) = _sums.GetValueOrDefault(name);
            _sums[name] = (sum + value, count + 1);
        }
    }

    public (double Sum, long Count) Get(string name)
    {
        lock (_lock)
        {
            return _sums.GetValueOrDefault(name);
        }
    }
}

/// <summary>CPU time, allocations and quota-grain figures over the phases of one kind.</summary>
internal sealed class Cost
{
    private TimeSpan _cpu;
    private long _bytes;
    private long _calls;
    private double _commits;
    private double _commands;
    private double _commitMs;
    private double _writerBatches;
    private double _writerBatchMs;
    private double _writerCommitMs;
    private double _decideUs;
    private long _decided;
    private TimeSpan _pause;
    private TimeSpan _jit;
    private int _gen1;
    private int _gen2;
    private (TimeSpan Cpu, long Bytes, int Calls, double Commits, double Commands, double CommitMs, double DecideUs, long Decided) _start;
    private (long Batches, double BatchMs, double CommitMs) _startWriter;
    private (TimeSpan Pause, int Gen1, int Gen2, TimeSpan Jit) _startGc;

    public double CpuMicroseconds => _calls == 0 ? 0 : _cpu.TotalMicroseconds / _calls;

    public double AllocatedKiB => _calls == 0 ? 0 : _bytes / 1024.0 / _calls;

    public double Commits => _commits;

    public double CommandsPerCommit => _commits == 0 ? 0 : _commands / _commits;

    public double CommitMs => _commits == 0 ? 0 : _commitMs / _commits;

    /// <summary>The SQLite writer's own time per batch (BEGIN through COMMIT), in milliseconds.</summary>
    public double WriterBatchMs => _writerBatches == 0 ? 0 : _writerBatchMs / _writerBatches;

    /// <summary>The SQLite writer's COMMIT per batch, in milliseconds.</summary>
    public double WriterCommitMs => _writerBatches == 0 ? 0 : _writerCommitMs / _writerBatches;

    public double DecideMicroseconds => _decided == 0 ? 0 : _decideUs / _decided;

    /// <summary>GC pause per call (all generations, the whole process).</summary>
    public double GcPauseMicroseconds => _calls == 0 ? 0 : _pause.TotalMicroseconds / _calls;

    /// <summary>JIT compilation time per call (left after the warm-up; part of the CPU per call).</summary>
    public double JitMicroseconds => _calls == 0 ? 0 : _jit.TotalMicroseconds / _calls;

    /// <summary>Gen-1 and gen-2 collections per 1,000 calls.</summary>
    public string OlderCollections => _calls == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{1000.0 * _gen1 / _calls:0.00} / {1000.0 * _gen2 / _calls:0.000}");

    public void Start(int calls, CommitStats stats)
    {
        _startGc = (GC.GetTotalPauseDuration(), GC.CollectionCount(1), GC.CollectionCount(2), System.Runtime.JitInfo.GetCompilationTime());
        _start = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(), calls,
            stats.Get("cloudgov.quota.commits").Sum, stats.Get("cloudgov.quota.commit.commands").Sum,
            stats.Get("cloudgov.quota.commit.duration").Sum, stats.Get("cloudgov.quota.decide.duration").Sum, stats.Get("cloudgov.quota.decide.duration").Count);
        _startWriter = (stats.Get("cloudgov.sqlite.batch.duration").Count, stats.Get("cloudgov.sqlite.batch.duration").Sum, stats.Get("cloudgov.sqlite.commit.duration").Sum);
    }

    public void Stop(int calls, CommitStats stats)
    {
        _cpu += Process.GetCurrentProcess().TotalProcessorTime - _start.Cpu;
        _bytes += GC.GetTotalAllocatedBytes() - _start.Bytes;
        _calls += calls - _start.Calls;
        _commits += stats.Get("cloudgov.quota.commits").Sum - _start.Commits;
        _commands += stats.Get("cloudgov.quota.commit.commands").Sum - _start.Commands;
        _commitMs += stats.Get("cloudgov.quota.commit.duration").Sum - _start.CommitMs;
        _writerBatches += stats.Get("cloudgov.sqlite.batch.duration").Count - _startWriter.Batches;
        _writerBatchMs += stats.Get("cloudgov.sqlite.batch.duration").Sum - _startWriter.BatchMs;
        _writerCommitMs += stats.Get("cloudgov.sqlite.commit.duration").Sum - _startWriter.CommitMs;
        _decideUs += stats.Get("cloudgov.quota.decide.duration").Sum - _start.DecideUs;
        _decided += stats.Get("cloudgov.quota.decide.duration").Count - _start.Decided;
        _pause += GC.GetTotalPauseDuration() - _startGc.Pause;
        _gen1 += GC.CollectionCount(1) - _startGc.Gen1;
        _gen2 += GC.CollectionCount(2) - _startGc.Gen2;
        _jit += System.Runtime.JitInfo.GetCompilationTime() - _startGc.Jit;
    }
}

/// <summary>
/// Allocation sampling by type (<c>--alloc-types</c>): the runtime's GCAllocationTick events (about one per 100 KiB
/// allocated, naming the type of the object that crossed the threshold), summed per kind of call while it runs.
/// </summary>
internal sealed class AllocationTypes : System.Diagnostics.Tracing.EventListener
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Kind, string Type), long> _bytes = [];
    private volatile string? _kind;

    public void Into(string? kind) => _kind = kind;

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (_kind is not { } kind || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }

        int type = e.PayloadNames.IndexOf("TypeName");
        int amount = e.PayloadNames.IndexOf("AllocationAmount64");
        if (type < 0 || amount < 0)
        {
            return;
        }

        long bytes = Convert.ToInt64(e.Payload![amount], CultureInfo.InvariantCulture);
        string name = e.Payload[type] as string ?? "?";
        lock (_lock)
        {
            _bytes[(kind, name)] = _bytes.GetValueOrDefault((kind, name)) + bytes;
        }
    }

    public void Print(string title, int noopCalls, int quotaCalls)
    {
        lock (_lock)
        {
            foreach (var (kind, calls) in new[] { ("noop", noopCalls), ("quota", quotaCalls) })
            {
                Console.WriteLine($"allocations by sampled type, {title}, {kind} ({calls} calls), KiB per call:");
                foreach (var ((_, type), bytes) in _bytes.Where(b => b.Key.Kind == kind).OrderByDescending(b => b.Value).Take(30))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1024.0 / Math.Max(1, calls),8:0.00}  {type}"));
                }
            }

            _bytes.Clear();
        }
    }
}
