using System.Diagnostics;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using BadRequest = Google.Rpc.BadRequest;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// The hostile inputs of issue 11, each through a real gRPC stream or call against a real host: InvalidArgument with a
/// field violation naming the field, a short message, nothing stored, and the one cloud's scheduling unaffected.
/// </summary>
public sealed class HostileInputTests
{
    private const string Operations = "cloudgov.operations.v1.OperationsService";
    private static ControlPlaneProcess _host = null!;
    private static CapturedLog _log = null!;
    private static OperationsService.OperationsServiceClient _operations = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _log = new CapturedLog();
        _host = await ControlPlaneProcess.StartAsync(configure: builder => builder.Logging.AddProvider(_log));
        _operations = new OperationsService.OperationsServiceClient(_host.Channel);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    /// <summary>A zone that reported one good report (sequence 1, workload w-good), unique per test.</summary>
    private static async Task<string> GoodZoneAsync(string name)
    {
        string zoneId = $"gx-hostile-{name}";
        var closed = await SendAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = AgentMessages.Report(1, workloads: "w-good-" + name) });
        Assert.That(closed.StatusCode, Is.EqualTo(StatusCode.OK), closed.Detail);
        return zoneId;
    }

    /// <summary>Sends messages on one stream, half-closes, and returns the status the control plane ended it with.</summary>
    private static async Task<Status> SendAsync(params AgentMessage[] messages)
    {
        using var call = _host.AgentClient(AgentMessages.CertifiedZone(messages.FirstOrDefault())).Connect(deadline: DateTime.UtcNow.AddSeconds(30));
        var reading = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The server may end the call while we still write; the status is read below.
        }

        try
        {
            await reading;
            return call.GetStatus();
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private static async Task<RpcException> RejectedReportAsync(string zoneId, ZoneReport report)
    {
        using var call = _host.AgentClient(zoneId).Connect(deadline: DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) });
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        await call.RequestStream.WriteAsync(new AgentMessage { Report = report });
        var ex = (await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }))!;
        return ex;
    }

    private static string[] Fields(RpcException ex) => [.. ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field)];

    private static async Task AssertUnchangedAsync(string zoneId, string workload)
    {
        var zone = await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId });
        Assert.That(zone.Zone.LastSequence, Is.EqualTo(1UL), "a rejected report changes nothing");
        Assert.That(zone.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { workload }));
        Assert.That(zone.Zone.Requested.CpuMillicores, Is.EqualTo(2000));
    }

    private static PlaceWorkloadRequest DryRun(string id) => new()
    {
        WorkloadId = id,
        TenantId = "nn-dsj",
        Requests = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 1024 },
        MlpsLevel = Common.MlpsLevel._2,
        NetworkPlane = Common.NetworkPlane.EgovExtranet,
        DryRun = true,
    };

    [TestCase("blank-id", "workload_id")]
    [TestCase("blank-tenant", "tenant_id")]
    [TestCase("no-level", "mlps_level")]
    [TestCase("state-99", "state")]
    [TestCase("mlps-77", "mlps_level")]
    [TestCase("cpu-max", "requests.cpu_millicores")]
    [TestCase("system-1mib", "system")]
    public async Task Report_HostileWorkload_InvalidArgumentNamingTheField_NothingStored_AndPlacementStillWorks(string name, string field)
    {
        string zoneId = await GoodZoneAsync(name);
        var report = AgentMessages.Report(2, workloads: ["w-good-" + name, "w-bad"]);
        var bad = report.Workloads[1];
        switch (name)
        {
            case "blank-id": bad.WorkloadId = "   "; break;
            case "blank-tenant": bad.TenantId = "   "; break;
            case "no-level": bad.MlpsLevel = Common.MlpsLevel.Unspecified; break;
            case "state-99": bad.State = (CloudGov.Proto.Agent.V1.WorkloadState)99; break;
            case "mlps-77": bad.MlpsLevel = (Common.MlpsLevel)77; break;
            case "cpu-max": bad.Requests.CpuMillicores = long.MaxValue; break;
            case "system-1mib": bad.System = new string('s', 1 << 20); break;
        }

        var ex = await RejectedReportAsync(zoneId, report);

        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(Fields(ex), Is.EqualTo(new[] { $"report.workloads[1].{field}" }));
        Assert.That(ex.Status.Detail.Length, Is.LessThan(400), "never the whole bad value echoed back");
        await AssertUnchangedAsync(zoneId, "w-good-" + name);
        var placed = await _operations.PlaceWorkloadAsync(DryRun($"w-after-{name}"));
        Assert.That(placed.ZoneId, Is.Not.Empty, "the cloud's scheduling is unaffected");
    }

    [Test]
    public async Task Report_TwoWorkloadsOf2Pow62_InvalidArgument_AndTheCloudTotalStaysPositive()
    {
        string zoneId = await GoodZoneAsync("two-2p62");
        var report = AgentMessages.Report(2, workloads: ["w-a", "w-b"]);
        report.Workloads[0].Requests.CpuMillicores = 1L << 62;
        report.Workloads[1].Requests.CpuMillicores = 1L << 62;

        var ex = await RejectedReportAsync(zoneId, report);

        Assert.That(Fields(ex), Is.EqualTo(new[] { "report.workloads[0].requests.cpu_millicores", "report.workloads[1].requests.cpu_millicores" }));
        var summary = await _operations.GetOneCloudSummaryAsync(new GetOneCloudSummaryRequest());
        Assert.That(summary.Total.Requested.CpuMillicores, Is.Positive);
        await AssertUnchangedAsync(zoneId, "w-good-two-2p62");
    }

    [Test]
    public async Task Report_Sequence2Pow64Minus1_InvalidArgument_AndTheZoneKeepsAcceptingReports()
    {
        string zoneId = await GoodZoneAsync("seq-max");

        var ex = await RejectedReportAsync(zoneId, AgentMessages.Report(ulong.MaxValue, workloads: "w-good-seq-max"));
        var next = await SendAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = AgentMessages.Report(2, workloads: "w-good-seq-max") });

        Assert.That(Fields(ex), Is.EqualTo(new[] { "report.sequence" }));
        Assert.That(next.StatusCode, Is.EqualTo(StatusCode.OK));
        var zone = await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId });
        Assert.That(zone.Zone.LastSequence, Is.EqualTo(2UL));
    }

    [TestCase(253_402_300_800L, 0, "report.observed_at.seconds")]
    [TestCase(1_800_000_000L, -1, "report.observed_at.nanos")]
    public async Task Report_TimestampOutOfRange_InvalidArgumentNotUnknown(long seconds, int nanos, string field)
    {
        string zoneId = await GoodZoneAsync($"time-{(nanos < 0 ? "nanos" : "year")}");
        var report = AgentMessages.Report(2, workloads: $"w-good-{zoneId[11..]}");
        report.ObservedAt = new Timestamp { Seconds = seconds, Nanos = nanos };

        var ex = await RejectedReportAsync(zoneId, report);

        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(Fields(ex), Is.EqualTo(new[] { field }));
        Assert.That(_log.Entries.Where(e => e.Exception is not null), Is.Empty, "no stack trace in the host's log");
    }

    [Test]
    public async Task Hello_ZoneIdWithTrailingNewline_InvalidArgument_AndNoLookAlikeZone()
    {
        string zoneId = await GoodZoneAsync("newline");

        var status = await SendAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId + "\n") });

        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(status.Detail, Does.Contain("\\u000a"), "the newline is escaped in the message");
        var zones = (await _operations.ListZonesAsync(new ListZonesRequest())).Zones.Select(z => z.ZoneId);
        Assert.That(zones.Count(z => z.StartsWith(zoneId, StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task Hello_TwoHugeVendors_InvalidArgument_AndListZonesStaysWithinTheDefaultClientLimit()
    {
        var hello = AgentMessages.Hello("gx-hostile-vendor");
        hello.Zone.Vendor = new string('v', 2_300_000);

        var first = await SendAsync(new AgentMessage { Hello = hello });
        var second = await SendAsync(new AgentMessage { Hello = hello });

        Assert.That(first.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(second.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(first.Detail, Does.Contain("hello.zone.vendor").And.Not.Contain("vvvv"));
        using var ordinary = CloudGov.Testing.Identity.TestTokens.Channel(_host.GrpcAddress);
        var zones = await new OperationsService.OperationsServiceClient(ordinary).ListZonesAsync(new ListZonesRequest());
        Assert.That(zones.Zones.Select(z => z.ZoneId), Does.Not.Contain("gx-hostile-vendor"));
    }

    [TestCase(64 * 1024)]
    [TestCase(1024 * 1024)]
    [TestCase(3 * 1024 * 1024)]
    public async Task GetZoneAndListZones_HugeId_PromptInvalidArgument_AndTheConnectionKeepsWorking(int length)
    {
        string huge = new('z', length);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var stopwatch = Stopwatch.StartNew();

        var getZone = (await Assert.ThrowsAsync<RpcException>(async () => await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = huge }, deadline: deadline)))!;
        var listZones = (await Assert.ThrowsAsync<RpcException>(async () => await _operations.ListZonesAsync(new ListZonesRequest { RegionPrefix = huge }, deadline: deadline)))!;

        Assert.That(getZone.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), getZone.Status.Detail);
        Assert.That(listZones.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), listZones.Status.Detail);
        Assert.That(Fields(getZone), Is.EqualTo(new[] { "zone_id" }));
        Assert.That(Fields(listZones), Is.EqualTo(new[] { "region_prefix" }));
        Assert.That(getZone.Status.Detail.Length + listZones.Status.Detail.Length, Is.LessThan(600));
        Assert.That(getZone.Status.Detail, Does.Contain($"({length} characters)"));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "answered before the deadline, not stalled");
        var agent = await SendAsync(new AgentMessage { Hello = AgentMessages.Hello($"gx-hostile-after-{length}") }, new AgentMessage { Report = AgentMessages.Report(1) });
        Assert.That(agent.StatusCode, Is.EqualTo(StatusCode.OK), "an agent stream still works");
    }

    [TestCase("GetZone")]
    [TestCase("ListZones")]
    [TestCase("PlaceWorkload")]
    [TestCase("SetWorkloadIntent")]
    public async Task UnaryCall_NotProtobufBytes_InvalidArgumentNotUnknown(string method)
    {
        byte[][] payloads = [[0xFF, 0xFF, 0xFF], [0x0F, 0x01], [0x0A, 0x7F, 0x61]];
        foreach (var payload in payloads)
        {
            var status = await RawGrpc.CallAsync(_host.Channel.CreateCallInvoker(), RawGrpc.Unary(Operations, method), payload, TimeSpan.FromSeconds(15));

            Assert.That(status.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), status.Detail);
            Assert.That(status.Detail, Does.Contain("is not a valid").And.Contain("protobuf message"));
        }

        Assert.That(_log.Entries.Where(e => e.Exception is not null || e.Message.Contains("Exception was thrown by handler", StringComparison.Ordinal)), Is.Empty, "no stack trace in the host's log");
    }

    [Test]
    public async Task AgentStream_NotProtobufBytes_InvalidArgumentNotUnknown()
    {
        var hello = new AgentMessage { Hello = AgentMessages.Hello("gx-hostile-raw") }.ToByteArray();

        var first = await RawGrpc.StreamAsync(_host.AgentChannel(AgentMessages.AnyZone).CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"), [[0xFF, 0xFF]], TimeSpan.FromSeconds(15));
        var later = await RawGrpc.StreamAsync(_host.AgentChannel("gx-hostile-raw").CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"), [hello, [0x12, 0x05, 0x01]], TimeSpan.FromSeconds(15));

        Assert.That(first.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), first.Detail);
        Assert.That(later.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), later.Detail);
        Assert.That(later.Detail, Does.Contain("AgentMessage"));
        Assert.That(_log.Entries.Where(e => e.Exception is not null), Is.Empty, "no stack trace in the host's log");
    }

    [Test]
    public async Task ManyMalformedCalls_LogAtMostOneWarningLinePerPeerPerWindow()
    {
        var stopwatch = Stopwatch.StartNew();
        int before = RejectionLines();

        for (int i = 0; i < 50; i++)
        {
            var ex = (await Assert.ThrowsAsync<RpcException>(async () => await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = $"BAD\n{new string('x', 10_000)}" })))!;
            Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        }

        int logged = RejectionLines() - before;
        Assert.That(logged, Is.LessThanOrEqualTo(1 + (int)(stopwatch.Elapsed.TotalSeconds / 10)), "one line per peer per 10 s window");
        var lines = _log.Entries.Where(e => e.Category.EndsWith("RejectedRequestLog", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Select(l => l.Message.Length), Has.All.LessThan(600), "each line bounded");
        Assert.That(lines.Select(l => l.Message), Has.None.Contain("\n"), "control characters escaped, never raw");
        Assert.That(lines.Select(l => l.Level), Has.All.EqualTo(LogLevel.Warning));
    }

    private static int RejectionLines() => _log.Entries.Count(e => e.Category.EndsWith("RejectedRequestLog", StringComparison.Ordinal));
}
