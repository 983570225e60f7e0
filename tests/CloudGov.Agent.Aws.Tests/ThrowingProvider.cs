using CloudGov.Agent.Providers;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>A zone whose cloud API fails while <see cref="Failing"/> holds: ObserveAsync throws, as an SDK error would.</summary>
public sealed class ThrowingProvider : IZoneProvider
{
    /// <summary>True while observations throw.</summary>
    public volatile bool Failing;

    /// <inheritdoc />
    public ProviderKind Kind => ProviderKind.AwsEc2;

    /// <inheritdoc />
    public ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new HttpRequestException("connection refused (cloud.example:443)\nsecond line");
        }

        var workload = new WorkloadReport
        {
            WorkloadId = "nn-dsj-kept-01",
            TenantId = "nn-dsj",
            Requests = new ResourceVector { CpuMillicores = 1000, MemoryMib = 2048 },
            Usage = new ResourceVector(),
            MlpsLevel = MlpsLevel._3,
            State = WorkloadState.Running,
        };
        return ValueTask.FromResult(new ZoneObservation(new ResourceVector { CpuMillicores = 8000, MemoryMib = 32768, StorageGib = 100 }, new ResourceVector(), [workload], [], Degraded: false));
    }

    /// <inheritdoc />
    public ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CommandResult { CommandId = command.CommandId, Succeeded = false, Message = "not in this test" });
}
