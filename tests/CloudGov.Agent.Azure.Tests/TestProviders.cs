using CloudGov.Agent.Providers.Azure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>Azure providers built as the agent builds them (AzureArmClientFactory), pointed at a fake.</summary>
internal static class TestProviders
{
    public static AzureZoneProvider For(FakeArm fake, TestCredential? credential = null, Action<AzureOptions>? configure = null)
    {
        var options = fake.Options();
        configure?.Invoke(options);
        var validation = new AzureOptionsValidator().Validate(null, options);
        Assert.That(validation.Failed, Is.False, validation.FailureMessage);
        return new AzureZoneProvider(options, AzureArmClientFactory.Create(options, credential ?? new TestCredential()), NullLogger<AzureZoneProvider>.Instance);
    }

    public static Command Place(WorkloadSpec spec) => new() { CommandId = $"place-{Guid.NewGuid():N}", Kind = CommandKind.Place, Workload = spec };

    public static Command Remove(string workloadId) => new() { CommandId = $"remove-{Guid.NewGuid():N}", Kind = CommandKind.Remove, Workload = new WorkloadSpec { WorkloadId = workloadId } };

    /// <summary>A level-3 workload of 2 vCPUs and 8 GiB (Standard_D2s_v5) admitting HTTPS from 10.0.0.0/8 and SSH from one bastion.</summary>
    public static WorkloadSpec Spec(string id) => new()
    {
        WorkloadId = id,
        TenantId = "nn-dsj",
        System = "一网通办",
        Requests = new ResourceVector { CpuMillicores = 2_000, MemoryMib = 8_192, StorageGib = 100 },
        MlpsLevel = MlpsLevel._3,
        Labels =
        {
            ["app"] = "one-stop-service",
            ["cloudgov.io/tenant"] = "nn-dsj",
            ["cloudgov.io/system"] = "一网通办",
            ["cloudgov.io/mlps-level"] = "3",
            ["cloudgov.io/allowed-regions"] = "4501",
            ["cloudgov.io/network-plane"] = "egov-extranet",
        },
        AccessPolicy = new AccessPolicy
        {
            Ingress =
            {
                new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.0.0.0/8" },
                new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 22, PortTo = 22, SourceCidr = "10.20.30.40/32" },
                new AccessRule { Protocol = AccessProtocol.Udp, PortFrom = 5000, PortTo = 5100, SourceCidr = "172.16.0.0/12" },
            },
        },
    };
}
