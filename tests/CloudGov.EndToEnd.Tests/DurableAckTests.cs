namespace CloudGov.EndToEnd.Tests;

/// <summary>Acknowledgements follow durability: a write-behind flush reaches the agent's open stream without another report.</summary>
public sealed class DurableAckTests
{
    [Test]
    public async Task UtilizationReport_FlushedBehind_AckArrivesWithoutAnotherReport()
    {
        await using var host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            // The agent's next report is two minutes away: an ack that waited for it would not come within the test.
            ["Zones:ReportInterval"] = "00:02:00",
            ["Zones:StalenessWindow"] = "00:30:00",
            ["Zones:StateFlushInterval"] = "00:00:00.500",
        });
        var agents = host.AgentClient("gx-e2e-durable-ack");
        await using var stream = await RawAgentStream.ConnectAsync(agents, "gx-e2e-durable-ack");

        // A new workload set is stored at once and acknowledged in the report's answer.
        var first = stream.WaitForAckAsync(1);
        await stream.ReportAsync(1, 1_000, "a");
        await first.WaitAsync(TimeSpan.FromSeconds(20));

        // Only utilization changes: written behind, so the answer to this report cannot acknowledge it yet.
        var second = stream.WaitForAckAsync(2);
        await stream.ReportAsync(2, 7_000, "a");
        var arrived = await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.That(arrived, Is.SameAs(second), "the flush that made report 2 durable is pushed to the open stream, with no further report");
        Assert.That(stream.Acknowledged, Is.EqualTo(2UL));
        Assert.That(stream.AckCount, Is.EqualTo(2), "one ack per durable step, none repeated");
    }
}
