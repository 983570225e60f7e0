using System.Text.RegularExpressions;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>While the control plane is away the agent keeps observing; on reconnect it delivers the backlog in order.</summary>
public sealed partial class AgentBacklogTests
{
    [Test]
    public async Task ControlPlaneDown_AgentKeepsObserving_AndDeliversBacklogInOrderOnReconnect()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ControlPlane:GrpcPort"] = FreePort.Next().ToString(),
            ["ControlPlane:HttpPort"] = FreePort.Next().ToString(),
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{Guid.NewGuid():N}.db"),
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
        };
        const string zoneId = "gx-e2e-backlog";
        var first = await ControlPlaneProcess.StartAsync(settings);
        var agentSettings = AgentProcess.ZoneSettings(first.AgentAddress, zoneId);
        agentSettings["Agent:InitialReconnectDelay"] = "00:00:00.100";
        agentSettings["Agent:MaxReconnectDelay"] = "00:00:00.200";
        await using var agent = await AgentProcess.StartAsync(agentSettings);
        await Eventually.HoldsAsync(() => agent.State.LastSent >= 3, "the agent to send three reports");

        await first.DisposeAsync();
        await Eventually.HoldsAsync(() => !agent.State.Connected, "the agent to notice the control plane is gone");
        ulong sentBeforeOutage = agent.State.LastSent;

        // Reports the first host stored but whose acknowledgement (sent after its flush) did not reach the agent before
        // it stopped are sent again, and the restarted host recognises each as a duplicate: at most that many.
        ulong unacknowledged = sentBeforeOutage - Math.Min(sentBeforeOutage, agent.State.Acknowledged);
        await Eventually.HoldsAsync(() => agent.State.Backlog.Snapshot().Count(r => r.Sequence > sentBeforeOutage) >= 5, "five reports observed while disconnected");
        ulong lastObservedWhileDown = agent.State.Backlog.Snapshot().Max(r => r.Sequence);

        await using var second = await ControlPlaneProcess.StartAsync(settings);
        var operations = new OperationsService.OperationsServiceClient(second.Channel);

        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId })).Zone.LastSequence >= lastObservedWhileDown,
            $"the reports observed during the outage (up to {lastObservedWhileDown}) to reach the restarted control plane");
        using var http = new HttpClient { BaseAddress = second.HttpAddress };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(Counter(metrics, "accepted"), Is.GreaterThanOrEqualTo(5), "each backlog report was applied");
        Assert.That(Counter(metrics, "duplicate"), Is.LessThanOrEqualTo(unacknowledged), "delivered in order: only reports never acknowledged arrive twice, and nothing arrives late");
        await Eventually.HoldsAsync(() => agent.State.Acknowledged >= lastObservedWhileDown, "the backlog to be acknowledged");
    }

    private static double Counter(string metrics, string result)
    {
        var match = Regex.Match(metrics, $"cloudgov_agent_reports_total\\{{result=\"{result}\"\\}} ([0-9.e+]+)");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
