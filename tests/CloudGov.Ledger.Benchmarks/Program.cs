using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.Ledger.Benchmarks;

// Usage: dotnet run -c Release --project tests/CloudGov.Ledger.Benchmarks -- [--zones 200] [--workloads-per-zone 500] [--rounds 3] [--feed grpc|grain]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var total = Stopwatch.StartNew();
var cloud = new CloudInstance(options.Zones, options.WorkloadsPerZone, options.HotEvery);
var summary = new List<string>();
int n = options.Workloads;
Console.WriteLine($"# ledger benchmark: {options.Zones} zones x {options.WorkloadsPerZone} workloads = {n:N0}, {options.Rounds} rounds, feed {options.Feed}");
Console.WriteLine($"# machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, GC {(GCSettings.IsServerGC ? "server" : "workstation")}{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent")}");
Console.WriteLine($"# instance: {cloud.Describe()}");

// Warm-up on a separate host first (JIT, Orleans type caches, the gRPC stack): the measured host starts after it.
{
    var warmCloud = new CloudInstance(Math.Min(10, options.Zones), Math.Min(200, options.WorkloadsPerZone), options.HotEvery);
    var sw = Stopwatch.StartNew();
    await using var warm = await BenchHost.StartAsync();
    await using var warmFleet = new AgentFleet(warm.GrpcAddress, warm.AgentAddress, warm.Grains);
    await warmFleet.ConnectAsync(Enumerable.Range(0, warmCloud.Zones).Select(CloudInstance.Hello));
    await FeedAsync(warmCloud, warmFleet, withWorkloads: false, rounds: 1);
    await FeedAsync(warmCloud, warmFleet, withWorkloads: true, rounds: options.Rounds);
    var states = await LedgerProbe.WaitAsync(warm.Grains, warmCloud.Zones * warmCloud.WorkloadsPerZone, Settled, TimeSpan.FromSeconds(60));
    if (states.GetValueOrDefault(ReconciliationState.Unmanaged) > 0 && options.Register)
    {
        await IntentRegistrar.RegisterAsync(warmFleet.Channel, warmCloud);
    }

    var ops = new CloudGov.Proto.Operations.V1.OperationsService.OperationsServiceClient(warmFleet.Channel);
    await ops.ProposeRebalanceAsync(new CloudGov.Proto.Operations.V1.ProposeRebalanceRequest { DryRun = true });
    Console.WriteLine($"warm-up host: {warmCloud.Zones} zones x {warmCloud.WorkloadsPerZone} workloads fed, registered and planned in {sw.Elapsed.TotalSeconds:F1} s; stopping it");
}

await using var host = await BenchHost.StartAsync();
await using var fleet = new AgentFleet(host.GrpcAddress, host.AgentAddress, host.Grains);

// 1. Memory per managed workload.
Console.WriteLine();
Console.WriteLine("## 1. Memory per managed workload");
var feedWatch = Stopwatch.StartNew();
await fleet.ConnectAsync(Enumerable.Range(0, options.Zones).Select(CloudInstance.Hello));
await FeedAsync(cloud, fleet, withWorkloads: false, rounds: options.Rounds);
Console.WriteLine($"reference: {options.Zones} zones connected, each reported 0 workloads {options.Rounds} times ({feedWatch.Elapsed.TotalSeconds:F1} s)");
await Task.Delay(TimeSpan.FromSeconds(7)); // write-behind of zone state (5 s) and ledger (1 s) done
var empty = await MemoryProbe.ReadAsync();
string emptyGenerations = MemoryProbe.Generations();
var emptyAggressive = await MemoryProbe.ReadAsync(aggressive: true);
long emptyTrimmed = MemoryProbe.RssAfterMallocTrim();
Console.WriteLine($"reference reading: {empty.Describe()}");
Console.WriteLine($"  GC after the reference reading: {emptyGenerations}");
Console.WriteLine($"  after an aggressive GC: RSS {Mib(emptyAggressive.Rss)}, GC committed {Mib(emptyAggressive.Committed)}; then malloc_trim(0): RSS {Mib(emptyTrimmed)}");

feedWatch.Restart();
await FeedAsync(cloud, fleet, withWorkloads: true, rounds: options.Rounds);
var adopted = await LedgerProbe.WaitAsync(host.Grains, n, Settled, TimeSpan.FromSeconds(120));
Console.WriteLine($"fed {options.Rounds} rounds of {options.Zones} reports x {options.WorkloadsPerZone} workloads in {feedWatch.Elapsed.TotalSeconds:F1} s; ledger: {LedgerProbe.Describe(adopted)}");
int unmanaged = adopted.GetValueOrDefault(ReconciliationState.Unmanaged);
if (unmanaged > 0)
{
    string bug = $"FINDING: every workload carries cloudgov.io/allowed-regions and cloudgov.io/network-plane, yet {unmanaged:N0} of {n:N0} were adopted Unmanaged "
        + $"(feed {options.Feed}): the labels did not reach the ledger";
    Console.WriteLine(bug);
    summary.Add(bug);
    await Task.Delay(TimeSpan.FromSeconds(7));
    var unmanagedReading = await MemoryProbe.ReadAsync();
    summary.Add(PerWorkload("adopted UNMANAGED (labels lost, pinned)", empty, unmanagedReading, n));
    Console.WriteLine(summary[^1]);
    if (!options.Register)
    {
        Console.WriteLine("--register off: stopping here");
        return 1;
    }

    feedWatch.Restart();
    var (calls, changed) = await IntentRegistrar.RegisterAsync(fleet.Channel, cloud);
    await FeedAsync(cloud, fleet, withWorkloads: true, rounds: 1);
    adopted = await LedgerProbe.WaitAsync(host.Grains, n, s => s.GetValueOrDefault(ReconciliationState.Unmanaged) == 0 && Settled(s), TimeSpan.FromSeconds(120));
    Console.WriteLine($"registered the labels' intent through SetWorkloadIntent: {calls:N0} calls, {changed:N0} records changed, {feedWatch.Elapsed.TotalSeconds:F1} s (one more report round after); ledger: {LedgerProbe.Describe(adopted)}");
}

await Task.Delay(TimeSpan.FromSeconds(7));
var loaded = await MemoryProbe.ReadAsync();
string generations = MemoryProbe.Generations();
var loadedAggressive = await MemoryProbe.ReadAsync(aggressive: true);
long loadedTrimmed = MemoryProbe.RssAfterMallocTrim();
string how = unmanaged > 0 ? "managed via SetWorkloadIntent after unmanaged adoption" : "adopted managed by their intent labels";
summary.Add(PerWorkload(how, empty, loaded, n));
Console.WriteLine(summary[^1]);
Console.WriteLine($"  loaded reading: {loaded.Describe()}");
Console.WriteLine($"  GC after the loaded reading: {generations}");
Console.WriteLine($"  growth per workload: RSS {(loaded.Rss - empty.Rss) / (double)n:F0} B = managed heap {(loaded.Managed - empty.Managed) / (double)n:F0} B "
    + $"+ GC committed beyond the live heap {((loaded.Committed - loaded.Managed) - (empty.Committed - empty.Managed)) / (double)n:F0} B "
    + $"+ native heap in use {(loaded.NativeInUse - empty.NativeInUse) / (double)n:F0} B + native free held {(loaded.NativeFree - empty.NativeFree) / (double)n:F0} B "
    + $"+ rest {((loaded.Rss - loaded.Committed - loaded.NativeInUse - loaded.NativeFree) - (empty.Rss - empty.Committed - empty.NativeInUse - empty.NativeFree)) / (double)n:F0} B");
string floor = $"memory per workload, {how}, after an aggressive GC (free regions decommitted): RSS {(loadedAggressive.Rss - emptyAggressive.Rss) / (double)n:F0} B "
    + $"(GC committed {Mib(emptyAggressive.Committed)} -> {Mib(loadedAggressive.Committed)}); then malloc_trim(0): RSS {(loadedTrimmed - emptyTrimmed) / (double)n:F0} B";
Console.WriteLine(floor);
summary.Add(floor);

// Where the bytes go: the live ledger records and zone reports, walked by reference.
var walk = new HeapBreakdown();
foreach (var shard in await Task.WhenAll(LedgerShards.All(host.Grains).Select(s => s.SnapshotAsync())))
{
    foreach (var record in shard)
    {
        walk.Record(record);
    }
}

var details = await Task.WhenAll(Enumerable.Range(0, options.Zones).Select(z => host.Grains.GetGrain<IZoneGrain>(CloudInstance.ZoneId(z)).GetAsync()));
foreach (var detail in details)
{
    foreach (var w in detail!.Workloads)
    {
        walk.Observation(w);
    }
}

double managedPer = (loaded.Managed - empty.Managed) / (double)n;
Console.WriteLine($"  heap walk of the live ledger records and zone reports: {walk.Total / (double)n:F0} B/workload of the {managedPer:F0} B/workload managed-heap growth "
    + $"({(managedPer - (walk.Total / (double)n)):F0} B/workload elsewhere: grain storage, buffers, caches)");
foreach (var line in walk.Lines(n))
{
    Console.WriteLine(line);
}

walk = null;
details = null;

// 2. ProposeRebalance through the grains.
Console.WriteLine();
Console.WriteLine("## 2. ProposeRebalance at this size through the operations API");
Console.WriteLine($"instance: {cloud.HotZones} of {options.Zones} zones hot (~95% requested, target 80%), residency, plane, MLPS, anti-affinity and pinning constraints as above");
await RebalanceBench.RunAsync(host, fleet.Channel, options.Rounds, summary);

Console.WriteLine();
Console.WriteLine("## The ledger's write path at this size");
await WritePathProbe.RunAsync(host, fleet.Channel, options.Rounds, summary);

await fleet.DisposeAsync();
await host.DisposeAsync();

if (options.Isolation)
{
    Console.WriteLine();
    Console.WriteLine("## 3. The same workloads without a host (managed heap)");
    await LedgerIsolation.RunAsync(cloud, summary);
}

Console.WriteLine();
Console.WriteLine("## Summary");
summary.ForEach(Console.WriteLine);
Console.WriteLine($"total run time {total.Elapsed.TotalSeconds:F0} s");
return 0;

static bool Settled(Dictionary<ReconciliationState, int> states) => states.GetValueOrDefault(ReconciliationState.Pending) == 0;

// Every zone sends one report per round (sequences increasing), then the round waits until the zone grains applied them.
async Task FeedAsync(CloudInstance cloud, AgentFleet fleet, bool withWorkloads, int rounds)
{
    var zones = Enumerable.Range(0, cloud.Zones).ToList();
    string feed = options.Feed;
    for (int r = 0; r < rounds; r++)
    {
        var sw = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(Environment.ProcessorCount * 4);
        await Task.WhenAll(zones.Select(async z =>
        {
            await gate.WaitAsync();
            try
            {
                string id = CloudInstance.ZoneId(z);
                await fleet.SendAsync(id, cloud.Report(z, fleet.NextSequence(id), withWorkloads ? cloud.WorkloadsPerZone : 0), feed);
            }
            finally
            {
                gate.Release();
            }
        }));
        await fleet.WaitAppliedAsync(TimeSpan.FromSeconds(120));
        if (withWorkloads)
        {
            Console.WriteLine($"  round {r + 1}: {cloud.Zones} reports x {cloud.WorkloadsPerZone} workloads applied by the zone grains in {sw.Elapsed.TotalSeconds:F2} s");
        }
    }
}

static string PerWorkload(string what, MemoryReading before, MemoryReading after, int n)
{
    double rss = (after.Rss - before.Rss) / (double)n;
    double managed = (after.Managed - before.Managed) / (double)n;
    return $"memory per workload ({what}): RSS {rss:F0} B = {rss / 1024:F2} KiB (target <= 2 KiB {(rss <= 2048 ? "MET" : "MISSED")}); "
        + $"managed heap {managed:F0} B = {managed / 1024:F2} KiB  [RSS {Mib(before.Rss)} -> {Mib(after.Rss)}, managed {Mib(before.Managed)} -> {Mib(after.Managed)}]";
}

static string Mib(long bytes) => MemoryReading.Mib(bytes);
