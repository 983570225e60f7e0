using CloudGov.Proto.Agent.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The acknowledgements of one agent stream, from both sources (the answers to reports and the zone grain's pushes):
/// each is sent only if it moves the durable sequence forward, compared and written under one gate, so the agent sees
/// acknowledgements strictly ascending whichever source was first.
/// </summary>
internal sealed class StreamAcknowledger(Func<ControlMessage, CancellationToken, Task> write, ulong acknowledged)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong _acknowledged = acknowledged;

    /// <summary>Sends <c>ReportAck(durable)</c> unless an equal or higher one was already sent (or the Welcome said so).</summary>
    public async Task AcknowledgeAsync(ulong durable, CancellationToken cancellationToken)
    {
        if (durable <= Volatile.Read(ref _acknowledged))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (durable > _acknowledged)
            {
                await write(new ControlMessage { Ack = new ReportAck { DurableSequence = durable } }, cancellationToken);
                Volatile.Write(ref _acknowledged, durable);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
