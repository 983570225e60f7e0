using System.Collections.Concurrent;
using CloudGov.Proto.Agent.V1;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.EndToEnd.Tests;

/// <summary>A stream's loops end with it: a stream rejected mid-way leaves no command poll behind.</summary>
public sealed class StreamEndTests
{
    [Test]
    public async Task StreamRejectedByItsReader_CommandDeliveryStopsPolling()
    {
        var calls = new PollCounter();
        await using var controlPlane = await ControlPlaneProcess.StartAsync(
            new Dictionary<string, string?> { ["Zones:CommandPollInterval"] = "00:00:00.020" },
            builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(calls));
        var rejected = await RawAgentStream.ConnectAsync(controlPlane.AgentClient("gx-e2e-end-rejected"), "gx-e2e-end-rejected");
        await using var witness = await RawAgentStream.ConnectAsync(controlPlane.AgentClient("gx-e2e-end-witness"), "gx-e2e-end-witness");
        await Eventually.HoldsAsync(() => calls.Of("gx-e2e-end-rejected") > 0, "the rejected stream's delivery to poll before the rejection");

        // A second Hello is refused by the reader (FAILED_PRECONDITION): the stream ends from inside the read loop.
        await rejected.SendAsync(new AgentMessage { Hello = AgentMessages.Hello("gx-e2e-end-rejected") });
        var ended = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await rejected.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.That(ended!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.FailedPrecondition));
        int atEnd = calls.Of("gx-e2e-end-rejected");

        // While the witness stream's delivery polls 50 more times, the ended stream's must not poll again.
        int witnessBefore = calls.Of("gx-e2e-end-witness");
        await Eventually.HoldsAsync(() => calls.Of("gx-e2e-end-witness") >= witnessBefore + 50, "the witness stream to poll 50 more times");

        Assert.That(calls.Of("gx-e2e-end-rejected"), Is.LessThanOrEqualTo(atEnd + 1), "the ended stream's command delivery stopped with it");
        await rejected.DisposeAsync();
    }

    /// <summary>Counts the reads of each zone's pending commands (the command delivery's poll).</summary>
    private sealed class PollCounter : IIncomingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

        public int Of(string zoneId) => _reads.GetValueOrDefault(zoneId);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.MethodName == nameof(CloudGov.ControlPlane.Abstractions.Zones.IZoneGrain.GetPendingCommandsAsync))
            {
                _reads.AddOrUpdate(context.TargetId.Key.ToString()!, 1, (_, n) => n + 1);
            }

            return context.Invoke();
        }
    }
}
