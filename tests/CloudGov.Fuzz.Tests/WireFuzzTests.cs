using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Fuzz.Tests;

/// <summary>
/// Fuzzes the control plane's two wire boundaries against the real executable: thousands of generated and mutated agent
/// messages and operations requests per run (extreme values, truncated, flipped and random bytes), seeded and
/// reproducible: the seed is printed, and <c>CLOUDGOV_FUZZ_SEED</c> replays a run (<c>CLOUDGOV_FUZZ_CASES</c> sets the
/// cases per test). Asserted: never Unknown (or another status a caller cannot act on), no exception or stack trace in
/// the host's log, the rejection log rate-limited, the baseline zones and their ledger records exactly as before, and
/// the host healthy afterwards.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WireFuzzTests
{
    private const string Operations = "cloudgov.operations.v1.OperationsService";
    private const string BaseTenant = "fz-base-tenant";
    private static readonly string[] BaseZones = ["fz-base-0", "fz-base-1", "fz-base-2"];

    /// <summary>What any call may answer: a status a caller can act on. Unknown and Internal mean the boundary let something through.</summary>
    private static readonly StatusCode[] Acceptable =
        [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.AlreadyExists, StatusCode.ResourceExhausted, StatusCode.OutOfRange];

    private static readonly int Seed = Environment.GetEnvironmentVariable("CLOUDGOV_FUZZ_SEED") is { Length: > 0 } seed
        ? int.Parse(seed, CultureInfo.InvariantCulture)
        : Random.Shared.Next();

    private static readonly int Cases = Environment.GetEnvironmentVariable("CLOUDGOV_FUZZ_CASES") is { Length: > 0 } cases
        ? int.Parse(cases, CultureInfo.InvariantCulture)
        : 1200;

    private readonly Stopwatch _running = new();
    private HostProcess _host = null!;
    private CallInvoker _invoker = null!;
    private string _baseline = string.Empty;
    private ulong _nextSequence = 2;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await TestContext.Progress.WriteLineAsync($"wire fuzz: seed {Seed} ({Cases} cases per test); replay with CLOUDGOV_FUZZ_SEED={Seed}");
        var directory = Path.Combine(Path.GetTempPath(), "cloudgov-fuzz", Guid.NewGuid().ToString("N"));
        _host = await HostProcess.StartAsync(HostProcess.FreshSettings(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(directory, "cloudgov.db"),
            ["Storage:ClusterId"] = $"fuzz-{Guid.NewGuid():N}",
            ["Zones:StalenessWindow"] = "00:10:00",
            // One operator token sends every case as fast as the host answers: the per-caller limit (tested on its own)
            // would turn the cases into RESOURCE_EXHAUSTED instead of the answers under test.
            ["Identity:RateLimit:Enabled"] = "false",
        }), "fuzz");
        _invoker = _host.Channel.CreateCallInvoker();
        _running.Start();
        for (int z = 0; z < BaseZones.Length; z++)
        {
            using var call = _host.AgentClient(BaseZones[z]).Connect();
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(BaseZones[z], $"基线云区 {z}", "450100") });
            await call.RequestStream.WriteAsync(new AgentMessage { Report = BaseReport(z, 1) });
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }

        var operations = new OperationsService.OperationsServiceClient(_host.Channel);
        await Eventually.HoldsAsync(
            async () =>
            {
                int records = 0;
                foreach (var zone in BaseZones)
                {
                    records += (await operations.ListWorkloadsAsync(new ListWorkloadsRequest { ZoneId = zone, PageSize = 1000 })).Workloads.Count;
                }

                return records == BaseZones.Length * 3;
            },
            "the ledger to adopt the baseline zones' nine workloads",
            TimeSpan.FromSeconds(30));
        _baseline = await CloudViewAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await TestContext.Out.WriteLineAsync($"seed {Seed}; host log {_host.LogPath}");
        }

        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Reports_BrokenInOneField_EveryOneInvalidArgument_AndTheBaselineUnchanged()
    {
        var failures = new List<string>();
        for (int i = 0; i < Cases; i++)
        {
            var v = Values(1, i);
            int zone = v.Random.Next(BaseZones.Length);
            var report = BaseReport(zone, _nextSequence++);
            string what = AgentMutations.BreakReport(v, report);
            var status = await RawGrpc.StreamAsync(_host.AgentChannel(BaseZones[zone]).CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"),
                [new AgentMessage { Hello = AgentMessages.Hello(BaseZones[zone], $"基线云区 {zone}", "450100") }.ToByteArray(), new AgentMessage { Report = report }.ToByteArray()],
                TimeSpan.FromSeconds(30));
            if (status.StatusCode != StatusCode.InvalidArgument)
            {
                failures.Add($"case {i} ({what}): {status.StatusCode} {Excerpt(status.Detail)}");
            }
        }

        await AssertIntactAsync(failures);
    }

    [Test]
    public async Task AgentMessages_RandomlyMutatedOrMangled_NeverUnknown()
    {
        var failures = new List<string>();
        for (int i = 0; i < Cases; i++)
        {
            var v = Values(2, i);
            string zoneId = $"fz-zone-{v.Random.Next(40)}";
            var hello = AgentMessages.Hello(zoneId);
            var report = AgentMessages.Report((ulong)v.Random.Next(1, 1000), workloads: [$"fz-w-{v.Random.Next(100)}", $"fz-w-{v.Random.Next(100, 200)}"]);
            var messages = new List<byte[]>();
            string what;
            switch (v.Random.Next(4))
            {
                case 0:
                    AgentMutations.Mutate(v, hello);
                    messages.Add(new AgentMessage { Hello = hello }.ToByteArray());
                    messages.Add(new AgentMessage { Report = report }.ToByteArray());
                    what = "mutated hello";
                    break;
                case 1:
                    AgentMutations.Mutate(v, report);
                    messages.Add(new AgentMessage { Hello = hello }.ToByteArray());
                    messages.Add(new AgentMessage { Report = report }.ToByteArray());
                    what = "mutated report";
                    break;
                case 2:
                    messages.Add(new AgentMessage { Hello = hello }.ToByteArray());
                    messages.Add(v.Mangle(new AgentMessage { Report = report }.ToByteArray()));
                    what = "mangled report bytes";
                    break;
                default:
                    messages.Add(v.Mangle(new AgentMessage { Hello = hello }.ToByteArray()));
                    what = "mangled hello bytes";
                    break;
            }

            if (v.Chance(0.2))
            {
                messages.Add(new AgentMessage { CommandResult = new CommandResult { CommandId = v.String(), Message = v.String(), Succeeded = v.Chance(0.5) } }.ToByteArray());
            }

            // The stream presents zoneId's certificate; a Hello mutated into another valid zone id is PERMISSION_DENIED.
            var status = await RawGrpc.StreamAsync(_host.AgentChannel(zoneId).CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"), messages, TimeSpan.FromSeconds(30));
            bool helloChanged = what is "mutated hello" or "mangled hello bytes";
            if (!Acceptable.Contains(status.StatusCode) && !(helloChanged && status.StatusCode == StatusCode.PermissionDenied))
            {
                failures.Add($"case {i} ({what}): {status.StatusCode} {Excerpt(status.Detail)}");
            }
        }

        await AssertIntactAsync(failures);
    }

    [Test]
    public async Task OperationsRequests_ExtremeOrMangled_NeverUnknown()
    {
        var failures = new List<string>();
        for (int i = 0; i < Cases; i++)
        {
            var v = Values(3, i);
            var (method, request) = OperationsRequests.Next(v);
            byte[] payload = request.ToByteArray();
            string what = "extreme values";
            if (v.Chance(0.4))
            {
                method = v.Pick(OperationsRequests.ReadOnly);
                payload = v.Mangle(payload);
                what = "mangled bytes";
            }

            var status = await RawGrpc.CallAsync(_invoker, RawGrpc.Unary(Operations, method), payload, TimeSpan.FromSeconds(30));
            if (!Acceptable.Contains(status.StatusCode))
            {
                failures.Add($"case {i} ({method}, {what}): {status.StatusCode} {Excerpt(status.Detail)}");
            }
        }

        await AssertIntactAsync(failures);
    }

    private static FuzzValues Values(int test, int index) => new(new Random(unchecked((Seed * 1_000_003) + (test * 7_919_693) + index)));

    private static ZoneReport BaseReport(int zone, ulong sequence)
    {
        var report = AgentMessages.Report(sequence, workloads: [$"base-{zone}-w0", $"base-{zone}-w1", $"base-{zone}-w2"]);
        foreach (var w in report.Workloads)
        {
            w.TenantId = BaseTenant;
        }

        return report;
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>Fails with the seed unless there were no failures, the host is healthy, its log is clean and the baseline is as before.</summary>
    private async Task AssertIntactAsync(List<string> failures)
    {
        string context = $"seed {Seed} (replay with CLOUDGOV_FUZZ_SEED={Seed}); host log {_host.LogPath}";
        Assert.That(failures, Is.Empty, $"{failures.Count} of {Cases} cases answered wrong; {context}");
        Assert.That(_host.HasExited, Is.False, $"the host is still running; {context}");
        Assert.That(await _host.CheckHealthAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving), context);
        var log = ReadWholeLog();
        var bad = log.Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal)
            || l.Contains("Exception", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal)).Take(5).ToList();
        Assert.That(bad, Is.Empty, $"no error, exception or stack trace in the host's log; {context}");
        int rejections = log.Count(l => l.Contains("Rejected a malformed call", StringComparison.Ordinal));
        Assert.That(rejections, Is.LessThanOrEqualTo(2 + (int)(_running.Elapsed.TotalSeconds / 10)), $"rejections logged at most once per peer per 10 s; {context}");
        Assert.That(await CloudViewAsync(), Is.EqualTo(_baseline), $"the baseline zones and their ledger records are unchanged; {context}");
    }

    private List<string> ReadWholeLog()
    {
        using var stream = new FileStream(_host.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The baseline as text: the zones' facts and workloads, their ledger records, the tenant's ledger view and the plans.</summary>
    private async Task<string> CloudViewAsync()
    {
        var operations = new OperationsService.OperationsServiceClient(_host.Channel);
        var text = new StringBuilder();
        var zones = (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Where(z => BaseZones.Contains(z.ZoneId)).OrderBy(z => z.ZoneId, StringComparer.Ordinal);
        foreach (var z in zones)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"zone {z.ZoneId} {z.DisplayName} {z.Vendor} {z.RegionCode} {z.MlpsLevel} {z.NetworkPlane} cap={z.Capacity} use={z.Usage} req={z.Requested} n={z.WorkloadCount} seq={z.LastSequence}");
            foreach (var w in (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = z.ZoneId })).Workloads)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  workload {w}");
            }

            foreach (var record in (await operations.ListWorkloadsAsync(new ListWorkloadsRequest { ZoneId = z.ZoneId, PageSize = 1000 })).Workloads)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  record {record.WorkloadId} managed={record.Managed} zone={record.ZoneId} intent={record.Intent}");
            }
        }

        foreach (var g in (await operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.Tenant, TenantId = BaseTenant })).Groups)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"view {g.Key} n={g.WorkloadCount} req={g.Requested} zones={string.Join(',', g.ZoneIds)} levels={string.Join(',', g.MlpsLevels)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"plans {(await operations.ListPlansAsync(new ListPlansRequest())).Plans.Count}");
        return text.ToString();
    }
}
