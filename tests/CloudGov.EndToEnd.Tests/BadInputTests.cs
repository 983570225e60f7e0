using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;
using Grpc.Core;

namespace CloudGov.EndToEnd.Tests;

/// <summary>Bad agent input over a real stream gets the right status, a message that says what to fix, and changes nothing.</summary>
public sealed class BadInputTests
{
    private static ControlPlaneProcess _controlPlane = null!;
    private static OperationsService.OperationsServiceClient _operations = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?> { ["ControlPlane:MaxReceiveMessageBytes"] = "262144" });
        _operations = new OperationsService.OperationsServiceClient(_controlPlane.Channel);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _controlPlane.DisposeAsync();

    /// <summary>Sends messages on one stream and returns the status the control plane ended it with.</summary>
    private static async Task<RpcException> SendUntilRejectedAsync(params AgentMessage[] messages)
    {
        using var call = _controlPlane.AgentClient(AgentMessages.CertifiedZone(messages.FirstOrDefault())).Connect();
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
        catch (RpcException)
        {
            // The server may end the call while we are still writing; the status is read below.
        }
        catch (InvalidOperationException)
        {
        }

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await reading.WaitAsync(TimeSpan.FromSeconds(30)));
        return ex!;
    }

    private static async Task<bool> ZoneExistsAsync(string zoneId) =>
        (await _operations.ListZonesAsync(new ListZonesRequest())).Zones.Any(z => z.ZoneId == zoneId);

    [Test]
    public async Task ReportBeforeHello_FailedPrecondition_AndNoZoneCreated()
    {
        var ex = await SendUntilRejectedAsync(new AgentMessage { Report = AgentMessages.Report(1) });

        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(ex.Status.Detail, Does.Contain("first message on an agent stream must be Hello"));
    }

    [Test]
    public async Task MalformedZoneId_InvalidArgument_AndNoZoneCreated()
    {
        var ex = await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello("Bad Zone!") });

        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.Contain("hello.zone_id: 'Bad Zone!' is malformed"));
        Assert.That(await ZoneExistsAsync("Bad Zone!"), Is.False);
    }

    [Test]
    public async Task NegativeOrAbsurdCapacity_InvalidArgument_AndZoneKeepsItsLastGoodReport()
    {
        const string zoneId = "gx-e2e-bad-capacity";
        var good = await SendUntilClosedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = AgentMessages.Report(1, cpuCapacity: 64_000) });
        Assert.That(good, Is.Null, "a valid stream is closed cleanly");

        var negative = await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = AgentMessages.Report(2, cpuCapacity: -1) });
        var absurd = await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = AgentMessages.Report(3, cpuCapacity: long.MaxValue / 2) });

        Assert.That(negative.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(negative.Status.Detail, Does.Contain("report.capacity.cpu_millicores: is -1; it must not be negative"));
        Assert.That(absurd.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(absurd.Status.Detail, Does.Contain("is absurd"));
        var zone = (await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId })).Zone;
        Assert.That(zone.LastSequence, Is.EqualTo(1UL));
        Assert.That(zone.Capacity.CpuMillicores, Is.EqualTo(64_000));
    }

    [Test]
    public async Task BadWorkloadLabels_InvalidArgumentNamingTheWorkloadAndField_AndTheZoneKeepsItsLastGoodReport()
    {
        const string zoneId = "gx-e2e-bad-labels";
        var good = AgentMessages.Report(1, workloads: "w-ok");
        good.Workloads[0].Labels["cloudgov.io/allowed-regions"] = "4501";
        Assert.That(await SendUntilClosedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = good }), Is.Null);

        var tooMany = AgentMessages.Report(2, workloads: "w-ok");
        for (int i = 0; i < 33; i++)
        {
            tooMany.Workloads[0].Labels[$"k{i}"] = "v";
        }

        var longValue = AgentMessages.Report(3, workloads: "w-ok");
        longValue.Workloads[0].Labels["app"] = new string('v', 5_000);
        var controlKey = AgentMessages.Report(4, workloads: "w-ok");
        controlKey.Workloads[0].Labels["bad\nkey"] = "v";

        var rejections = new List<RpcException>();
        foreach (var report in new[] { tooMany, longValue, controlKey })
        {
            rejections.Add(await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = report }));
        }

        Assert.That(rejections.Select(r => r.StatusCode), Has.All.EqualTo(StatusCode.InvalidArgument));
        Assert.That(rejections[0].Status.Detail, Does.Contain("workload 'w-ok'").And.Contain("labels has 33 entries; at most 32"));
        Assert.That(rejections[1].Status.Detail, Does.Contain("at most 256 characters"));
        Assert.That(rejections[1].Status.Detail.Length, Is.LessThan(400), "never the whole bad value echoed back");
        Assert.That(rejections[2].Status.Detail, Does.Contain("labels key"));
        var zone = await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId });
        Assert.That(zone.Zone.LastSequence, Is.EqualTo(1UL), "a rejected report changes nothing");
        Assert.That(zone.Workloads.Single().Labels, Is.EqualTo(new Dictionary<string, string> { ["cloudgov.io/allowed-regions"] = "4501" }));
    }

    [Test]
    public async Task BadAccessPolicyOrDegradedReason_InvalidArgumentNamingTheField_AndTheZoneKeepsItsLastGoodReport()
    {
        const string zoneId = "gx-e2e-bad-acl";
        Assert.That(await SendUntilClosedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = AgentMessages.Report(1, workloads: "w-ok") }), Is.Null);

        var badRule = AgentMessages.Report(2, workloads: "w-ok");
        badRule.Workloads[0].AccessPolicy = new CloudGov.Proto.Common.V1.AccessPolicy();
        badRule.Workloads[0].AccessPolicy.Ingress.Add(new CloudGov.Proto.Common.V1.AccessRule { Protocol = CloudGov.Proto.Common.V1.AccessProtocol.Tcp, PortFrom = 22, PortTo = 22, SourceCidr = new string('9', 5_000) });
        var longReason = AgentMessages.Report(3, workloads: "w-ok");
        longReason.Degraded = true;
        longReason.DegradedReason = new string('r', 5_000);

        var rule = await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = badRule });
        var reason = await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, new AgentMessage { Report = longReason });

        Assert.That(rule.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(rule.Status.Detail, Does.Contain("report.workloads[0].access_policy.ingress[0]").And.Contain("CIDR"));
        Assert.That(rule.Status.Detail.Length, Is.LessThan(400), "never the whole bad value echoed back");
        Assert.That(reason.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(reason.Status.Detail, Does.Contain("report.degraded_reason").And.Contain("at most 1024"));
        Assert.That(reason.Status.Detail.Length, Is.LessThan(400), "never the whole bad value echoed back");
        var zone = await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId });
        Assert.That(zone.Zone.LastSequence, Is.EqualTo(1UL), "a rejected report changes nothing");
        Assert.That(zone.Zone.DegradedReason, Is.Empty);
    }

    [Test]
    public async Task OversizedMessage_ResourceExhausted()
    {
        var report = AgentMessages.Report(1);
        report.Posture.Add(new PostureFact { Key = "blob", Value = new string('x', 300_000) });

        var ex = await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello("gx-e2e-oversized") }, new AgentMessage { Report = report });

        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(ex.Status.Detail, Does.Contain("exceeds the maximum configured message size"));
    }

    [Test]
    public async Task SecondHelloOnSameStream_FailedPrecondition()
    {
        var ex = await SendUntilRejectedAsync(new AgentMessage { Hello = AgentMessages.Hello("gx-e2e-double-hello") }, new AgentMessage { Hello = AgentMessages.Hello("gx-e2e-double-hello") });

        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(ex.Status.Detail, Does.Contain("Hello was already sent"));
    }

    [Test]
    public async Task GetZone_MalformedOrUnknownId_InvalidArgumentOrNotFound()
    {
        var malformed = await Assert.ThrowsAsync<RpcException>(async () => await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = "../etc" }));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-never-registered" }));

        Assert.That(malformed!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.NotFound));
    }

    /// <summary>Sends messages, half-closes, and returns null if the server ended the call with OK.</summary>
    private static async Task<RpcException?> SendUntilClosedAsync(params AgentMessage[] messages)
    {
        using var call = _controlPlane.AgentClient(AgentMessages.CertifiedZone(messages.FirstOrDefault())).Connect();
        foreach (var message in messages)
        {
            await call.RequestStream.WriteAsync(message);
        }

        // Wait for the welcome and any ack, then close our side.
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        Assert.That(call.ResponseStream.Current.BodyCase, Is.EqualTo(ControlMessage.BodyOneofCase.Welcome));
        await call.RequestStream.CompleteAsync();
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }

            return null;
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }
}
