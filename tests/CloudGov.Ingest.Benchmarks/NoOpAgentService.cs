using CloudGov.Proto.Agent.V1;
using Grpc.Core;

namespace CloudGov.Ingest.Benchmarks;

/// <summary>The reference: the same stream contract, answering Hello and discarding every report.</summary>
internal sealed class NoOpAgentService : AgentService.AgentServiceBase
{
    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ControlMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }

        await responseStream.WriteAsync(new ControlMessage { Welcome = new Welcome() });
        long count = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            if (requestStream.Current.BodyCase == AgentMessage.BodyOneofCase.Report)
            {
                count++;
            }
        }

        GC.KeepAlive(count);
    }
}
