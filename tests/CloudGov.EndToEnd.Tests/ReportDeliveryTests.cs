using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>Duplicate and out-of-order reports over a real stream change nothing; acknowledgements only move forward.</summary>
public sealed class ReportDeliveryTests
{
    [Test]
    public async Task DuplicateAndOutOfOrderReports_ChangeNothing_AndAcksOnlyMoveForward()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync();
        const string zoneId = "gx-e2e-order";
        var agents = controlPlane.AgentClient(zoneId);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);

        using var call = agents.Connect();
        await call.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) });
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        Assert.That(call.ResponseStream.Current.Welcome.LastAcceptedSequence, Is.EqualTo(0UL));

        // 1, 3 (a gap is fine), then a duplicate 3, a late 2 and a late 1 — each carrying different data.
        await call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(1, 1_000, workloads: ["a"]) });
        await call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(3, 3_000, workloads: ["a", "b", "c"]) });
        await call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(3, 9_000, workloads: ["x"]) });
        await call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(2, 2_000, workloads: ["a", "b"]) });
        await call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(1, 1_000, workloads: ["a"]) });
        await call.RequestStream.CompleteAsync();

        var acks = new List<ulong>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            acks.Add(call.ResponseStream.Current.Ack.DurableSequence);
        }

        var zone = await operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId });
        Assert.That(zone.Zone.LastSequence, Is.EqualTo(3UL));
        Assert.That(zone.Zone.Usage.CpuMillicores, Is.EqualTo(3_000));
        Assert.That(zone.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(acks, Is.Ordered.Ascending, "acknowledgements never move backwards");
        Assert.That(acks, Has.Member(3UL), "an inventory change is stored and acknowledged at once");

        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain("cloudgov_agent_reports_total{result=\"duplicate\"} 3"));
        Assert.That(metrics, Does.Contain("cloudgov_agent_reports_total{result=\"accepted\"} 2"));
    }

    [Test]
    public async Task ReconnectAfterRestart_WelcomeCarriesLastDurableSequence_OnSameStorage()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{Guid.NewGuid():N}.db"),
        };
        const string zoneId = "gx-e2e-welcome";
        await using (var first = await ControlPlaneProcess.StartAsync(settings))
        {
            using var call = first.AgentClient(zoneId).Connect();
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) });
            await call.ResponseStream.MoveNext(CancellationToken.None);
            await call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(7, 1_000, workloads: ["a", "b"]) });
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            Assert.That(call.ResponseStream.Current.Ack.DurableSequence, Is.EqualTo(7UL));
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }

        await using var second = await ControlPlaneProcess.StartAsync(settings);
        using var again = second.AgentClient(zoneId).Connect();
        await again.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) });
        Assert.That(await again.ResponseStream.MoveNext(CancellationToken.None), Is.True);

        Assert.That(again.ResponseStream.Current.Welcome.LastAcceptedSequence, Is.EqualTo(7UL), "the restarted control plane tells the agent where to resume");
        var zone = await new OperationsService.OperationsServiceClient(second.Channel).GetZoneAsync(new GetZoneRequest { ZoneId = zoneId });
        Assert.That(zone.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "a", "b" }));
        await again.RequestStream.CompleteAsync();
    }
}
