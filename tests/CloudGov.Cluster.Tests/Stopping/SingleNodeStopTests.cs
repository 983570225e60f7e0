using CloudGov.Agent.Connection;
using CloudGov.Cluster.Tests.Support;
using Grpc.Core;

namespace CloudGov.Cluster.Tests.Stopping;

/// <summary>SIGTERM on a single-node host (SQLite) with agents connected: a clean, documented end of every stream.</summary>
[TestFixture]
public sealed class SingleNodeStopTests : ClusterTest
{
    private const int AgentCount = 12;

    [Test]
    public async Task Sigterm_HostWithAgentsConnected_EndsStreamsWithHostStoppingStatusLogsNoErrorAndLosesNothing()
    {
        var overrides = Hosts.FastZones();
        overrides["Storage:Mode"] = "Sqlite";
        overrides["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-cluster-tests", $"{Guid.NewGuid():N}", "cloudgov.db");
        overrides["Storage:ClusterId"] = $"stop-{Guid.NewGuid():N}";
        overrides["Logging:LogLevel:Default"] = "Information";
        var first = await Hosts.StartAsync(HostProcess.FreshSettings(overrides), "sqlite-stop");
        string[] zones = [.. Enumerable.Range(0, AgentCount).Select(i => $"stop-zone-{i}")];
        foreach (var zone in zones)
        {
            await Agents.StartAsync(zone, [first.AgentAddress]);
        }

        await Eventually.HoldsAsync(
            () => Agents.ByZone.Values.All(a => a.State.Connected && a.State.Acknowledged >= 3),
            $"all {AgentCount} agents connected with at least 3 reports acknowledged", TimeSpan.FromSeconds(60));

        // A hand-driven stream beside the agents, to read the exact status and trailer the host ends it with.
        var raw = await RawAgentStream.ConnectAsync(first.AgentClient("stop-zone-raw"), "stop-zone-raw");
        await raw.ReportAsync(1);
        await raw.WaitForAckAsync(1);

        int mark = HostLog.Length(first);
        await first.StopAsync(TimeSpan.FromSeconds(30));
        var acknowledged = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.Acknowledged);

        var ended = (await Assert.ThrowsAsync<RpcException>(async () => await raw.Completion.WaitAsync(TimeSpan.FromSeconds(10))))!;
        var stopLog = HostLog.Read(first, mark);
        Assert.Multiple(() =>
        {
            Assert.That(first.HasExited, Is.True, "the host exits after SIGTERM");
            Assert.That(StopLog.Problems(stopLog), Is.Empty, "no error, critical, stack trace or non-graceful line while stopping");
            Assert.That(stopLog, Does.Contain("ending 13 agent stream(s)"), "the host ends every open stream itself");
            Assert.That(ended.StatusCode, Is.EqualTo(StatusCode.Unavailable), "the raw stream's status");
            Assert.That(ended.Trailers.GetValue(HostStopping.TrailerKey), Is.EqualTo(HostStopping.TrailerValue), "the raw stream's trailer");
            Assert.That(HostStopping.Is(ended), Is.True, "the agent's classifier recognises the status");
            Assert.That(Agents.ByZone.Values.Select(a => a.State.HostStops), Has.All.GreaterThanOrEqualTo(1), "every agent saw its stream end with host-stopping");
        });

        // Restarted on the same file and ports: every acknowledged report is there, and the agents' unacknowledged
        // reports arrive once they reconnect (nothing sent was lost).
        var sentBefore = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.LastSent);
        var second = await Hosts.StartAsync(first.Settings, "sqlite-restarted");
        foreach (var zone in zones)
        {
            var stored = await Operations.GetZoneAsync(second.Channel, zone);
            Assert.That(stored.Zone.LastSequence, Is.GreaterThanOrEqualTo(acknowledged[zone]), $"{zone}: an acknowledged report was lost");
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var zone in zones)
                {
                    if ((await Operations.GetZoneAsync(second.Channel, zone)).Zone.LastSequence < sentBefore[zone])
                    {
                        return false;
                    }
                }

                return Agents.ByZone.Values.All(a => a.State.Connected);
            },
            "every agent reconnected and every report sent before the stop stored", TimeSpan.FromSeconds(60));
    }
}
