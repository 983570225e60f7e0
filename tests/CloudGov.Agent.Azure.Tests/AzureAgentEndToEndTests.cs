using Azure.Core;
using CloudGov.Agent;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Domain = CloudGov.Domain;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>
/// A real control plane and the real agent host with <c>Agent:Provider=Azure</c>, connected over mutual TLS with its
/// zone certificate, driving the fake ARM endpoint: while ARM refuses the token the zone is Degraded and the agent keeps
/// running; once ARM accepts it, PlaceWorkload creates a VM in the fake and the zone reports it Running with its tags
/// and the access policy read back from its NSG.
/// </summary>
public sealed class AzureAgentEndToEndTests
{
    private const string ZoneId = "gx-e2e-azure";

    [Test]
    public async Task PlaceWorkload_AzureZoneOverMutualTls_VmCreatedInArmAndReportedRunningWithTagsAndAccessPolicy()
    {
        await using var arm = await FakeArm.StartAsync();
        arm.AcceptToken = false;
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Zones:IndexPublishInterval"] = "00:00:00.200",
        });
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, ZoneId, workloads: 0);
        settings["Agent:Provider"] = "Azure";
        AgentProcess.DeclareCompliantPosture(settings);
        foreach (var (key, value) in arm.Settings())
        {
            settings[key] = value;
        }

        Assert.That(settings["Agent:ControlPlaneAddress"], Does.StartWith("https://"), "the agent connects over mutual TLS");
        Assert.That(settings.Keys, Has.Some.StartsWith("Agent:Tls:"));
        using var agent = await StartAgentAsync(settings, new TestCredential());
        try
        {
            await PlaceAndCheckAsync(arm, controlPlane);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await agent.StopAsync(timeout.Token);
        }
    }

    private static async Task PlaceAndCheckAsync(FakeArm arm, ControlPlaneProcess controlPlane)
    {
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);

        // While ARM refuses the token the provider sees no posture either, so the baseline may quarantine the zone for the
        // facts it cannot prove (a quarantine rule's absent fact violates); either way nothing is placed there and the
        // provider's reason is shown.
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Any(z => z.ZoneId == ZoneId
                && z.Status is ZoneStatus.Degraded or ZoneStatus.Quarantined
                && z.DegradedReason.Contains("rejected the credential", StringComparison.Ordinal)),
            "the Azure zone to report Degraded (or quarantined for unproven posture) with the provider's reason while ARM refuses the token");
        int seen = arm.Requests.Count;
        await Eventually.HoldsAsync(() => arm.Requests.Count >= seen + 3, "the agent to keep observing (it did not crash)");
        arm.AcceptToken = true;
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = ZoneId })).Zone.Status == ZoneStatus.Ready,
            "the zone to report Ready once ARM accepts the token");

        var request = new PlaceWorkloadRequest
        {
            WorkloadId = "nn-dsj-portal-01",
            TenantId = "nn-dsj",
            System = "数字政务门户",
            Requests = new ResourceVector { CpuMillicores = 2_000, MemoryMib = 8_192, StorageGib = 64 },
            MlpsLevel = MlpsLevel._3,
            NetworkPlane = NetworkPlane.EgovExtranet,
            AllowedRegions = { "4501" },
            Labels = { ["app"] = "egov-portal" },
            AccessPolicy = new AccessPolicy
            {
                Ingress =
                {
                    new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.0.0.0/8" },
                    new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 22, PortTo = 22, SourceCidr = "10.9.8.7/32" },
                },
            },
        };
        var placed = await operations.PlaceWorkloadAsync(request);

        Assert.That(placed.ZoneId, Is.EqualTo(ZoneId));
        var workload = await Eventually.ReturnsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = ZoneId })).Workloads.FirstOrDefault(w => w.WorkloadId == request.WorkloadId),
            w => w is { State: "Running" },
            $"workload {request.WorkloadId} to be reported Running in the Azure zone");
        Assert.That(workload!.TenantId, Is.EqualTo("nn-dsj"));
        Assert.That(workload.System, Is.EqualTo("数字政务门户"));
        Assert.That(workload.Labels["app"], Is.EqualTo("egov-portal"));
        Assert.That(workload.Labels["cloudgov.io/tenant"], Is.EqualTo("nn-dsj"));
        Assert.That(workload.Labels["cloudgov.io/allowed-regions"], Is.EqualTo("4501"));
        Assert.That(workload.Labels["cloudgov.io/network-plane"], Is.EqualTo("egov-extranet"));
        var vm = arm.Get(FakeArm.VmId(request.WorkloadId))!;
        Assert.That((string?)vm["tags"]!["cloudgov.io:network-plane"], Is.EqualTo("egov-extranet"), "the intent is on the VM itself");
        var zone = controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>(ZoneId);
        var observed = (await zone.GetAsync())!.Workloads.Single(w => w.WorkloadId == request.WorkloadId);
        Assert.That(observed.AccessPolicy, Is.Not.Null, "the agent read the access policy back from the VM's NSG");
        Assert.That(observed.AccessPolicy!.Ingress, Is.EquivalentTo(new[]
        {
            new Domain.AccessRule(Domain.AccessProtocol.Tcp, 443, 443, "10.0.0.0/8"),
            new Domain.AccessRule(Domain.AccessProtocol.Tcp, 22, 22, "10.9.8.7/32"),
        }));
    }

    /// <summary>The agent executable's host (AddZoneAgent) with the test credential in the container, as AgentProcess starts the simulated one.</summary>
    private static async Task<IHost> StartAgentAsync(IDictionary<string, string?> settings, TokenCredential credential)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(credential);
        builder.AddZoneAgent();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
