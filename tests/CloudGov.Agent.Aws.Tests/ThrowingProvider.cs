using CloudGov.Agent.Providers;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>A zone whose cloud API fails while <see cref="Failing"/> holds: ObserveAsync throws, as an SDK error would.</summary>
public sealed class ThrowingProvider : IZoneProvider
{
    /// <summary>A compliant zone's posture facts (as the simulated provider reports them), so the baseline leaves it Ready.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeclaredPosture = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["infra.location.country"] = "CN",
        ["data.location.country"] = "CN",
        ["pool.dedicated"] = "true",
        ["network.management_separated"] = "true",
        ["audit.logging"] = "enabled",
        ["audit.log_retention_days"] = "180",
        ["patch.max_age_days"] = "7",
        ["platform.mlps_certificate"] = "valid",
        ["ssh.password_auth"] = "disabled",
    };

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
        return ValueTask.FromResult(new ZoneObservation(new ResourceVector { CpuMillicores = 8000, MemoryMib = 32768, StorageGib = 100 }, new ResourceVector(), [workload], Posture(), Degraded: false));
    }

    private static List<PostureFact> Posture() =>
    [
        .. DeclaredPosture.Select(f => new PostureFact { Key = f.Key, Value = f.Value }),
        new PostureFact { Key = "storage.encryption_at_rest", Value = "enabled" },
        new PostureFact { Key = "network.world_open_ports", Value = "443" },
        new PostureFact { Key = "aws.imdsv2_required", Value = "true" },
    ];

    /// <inheritdoc />
    public ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CommandResult { CommandId = command.CommandId, Succeeded = false, Message = "not in this test" });
}
