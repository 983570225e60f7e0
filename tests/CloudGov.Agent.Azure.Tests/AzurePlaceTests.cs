using System.Net;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>Place and remove against the fake ARM endpoint: the VM and its NSG through ARM's long-running operations, by name, idempotent.</summary>
public sealed class AzurePlaceTests
{
    private FakeArm _arm = null!;

    [SetUp]
    public async Task StartAsync() => _arm = await FakeArm.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _arm.DisposeAsync();

    [Test]
    public async Task Place_NewWorkload_CreatesVmWithTagsAndNsgThroughLongRunningOperations()
    {
        var provider = TestProviders.For(_arm);
        var spec = TestProviders.Spec("nn-ywtb-01");

        var result = await provider.ExecuteAsync(TestProviders.Place(spec), CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Message);
        var vm = _arm.Get(FakeArm.VmId("nn-ywtb-01"))!;
        Assert.That((string?)vm["properties"]!["provisioningState"], Is.EqualTo("Succeeded"), "the provider waited for the operation to finish");
        Assert.That((string?)vm["properties"]!["hardwareProfile"]!["vmSize"], Is.EqualTo("Standard_D2s_v5"), "the smallest size covering 2 vCPUs and 8 GiB");
        Assert.That((string?)vm["tags"]!["cloudgov.io:tenant"], Is.EqualTo("nn-dsj"));
        Assert.That((string?)vm["tags"]!["cloudgov.io:network-plane"], Is.EqualTo("egov-extranet"));
        Assert.That((string?)vm["tags"]!["app"], Is.EqualTo("one-stop-service"));
        Assert.That((int?)vm["properties"]!["storageProfile"]!["osDisk"]!["diskSizeGB"], Is.EqualTo(100));
        Assert.That((bool?)vm["properties"]!["securityProfile"]!["encryptionAtHost"], Is.True);
        string nsgId = FakeArm.NetworkId("networkSecurityGroups", "nn-ywtb-01-nsg");
        Assert.That((string?)vm["properties"]!["networkProfile"]!["networkInterfaceConfigurations"]![0]!["properties"]!["networkSecurityGroup"]!["id"], Is.EqualTo(nsgId).IgnoreCase);
        var nsg = _arm.Get(nsgId)!;
        Assert.That(nsg["properties"]!["securityRules"]!.AsArray().Select(r => (string?)r!["properties"]!["destinationPortRange"]), Is.EqualTo(new[] { "443", "22", "5000-5100" }));
        var requests = _arm.Requests;
        Assert.That(requests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("/operations/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2 * (_arm.PollsBeforeDone + 1)),
            "both PUTs were followed by polling their Azure-AsyncOperation until it succeeded");
        Assert.That(requests.Where(r => r.Contains("Microsoft.Network", StringComparison.Ordinal)), Has.All.Contains("api-version=2023-09-01"));
        Assert.That(_arm.Unrouted, Is.Zero, string.Join("\n", requests));
    }

    [Test]
    public async Task Place_Observe_ReportsTheVmRunningWithItsLabelsRequestsAndAccessPolicy()
    {
        var provider = TestProviders.For(_arm);
        var spec = TestProviders.Spec("nn-ywtb-02");
        Assert.That((await provider.ExecuteAsync(TestProviders.Place(spec), CancellationToken.None)).Succeeded, Is.True);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False, observation.DegradedReason);
        var workload = observation.Workloads.Single();
        Assert.That(workload.WorkloadId, Is.EqualTo("nn-ywtb-02"));
        Assert.That(workload.State, Is.EqualTo(WorkloadState.Running));
        Assert.That(workload.TenantId, Is.EqualTo("nn-dsj"));
        Assert.That(workload.System, Is.EqualTo("一网通办"));
        Assert.That(workload.MlpsLevel, Is.EqualTo(MlpsLevel._3));
        Assert.That(workload.Requests, Is.EqualTo(new ResourceVector { CpuMillicores = 2_000, MemoryMib = 8_192, StorageGib = 100 }));
        Assert.That(workload.Labels, Is.EquivalentTo(spec.Labels), "every label comes back under its own key ('/' restored)");
        Assert.That(workload.AccessPolicy.Ingress, Is.EquivalentTo(spec.AccessPolicy.Ingress), "read back from the NSG, ARM's default rules left out");
        Assert.That(observation.Posture.Single(f => f.Key == "network.world_open_ports").Value, Is.EqualTo("none"));
        Assert.That(observation.Posture.Single(f => f.Key == "storage.encryption_at_rest").Value, Is.EqualTo("enabled"));
    }

    [Test]
    public async Task Place_Twice_OneVmOneNsgAndTheSecondSucceeds()
    {
        var provider = TestProviders.For(_arm);
        var spec = TestProviders.Spec("nn-ywtb-03");
        Assert.That((await provider.ExecuteAsync(TestProviders.Place(spec), CancellationToken.None)).Succeeded, Is.True);
        string vmId = (string)_arm.Get(FakeArm.VmId("nn-ywtb-03"))!["properties"]!["vmId"]!;

        var again = await provider.ExecuteAsync(TestProviders.Place(spec), CancellationToken.None);

        Assert.That(again.Succeeded, Is.True, again.Message);
        Assert.That(_arm.Count("Microsoft.Compute/virtualMachines"), Is.EqualTo(1));
        Assert.That(_arm.Count("Microsoft.Network/networkSecurityGroups"), Is.EqualTo(1));
        Assert.That((string?)_arm.Get(FakeArm.VmId("nn-ywtb-03"))!["properties"]!["vmId"], Is.EqualTo(vmId), "the same VM, updated in place");
        Assert.That((await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Remove_PlacedWorkload_DeletesVmAndNsgThroughLongRunningOperations()
    {
        var provider = TestProviders.For(_arm);
        Assert.That((await provider.ExecuteAsync(TestProviders.Place(TestProviders.Spec("nn-ywtb-04")), CancellationToken.None)).Succeeded, Is.True);
        int before = _arm.Requests.Count;

        var removed = await provider.ExecuteAsync(TestProviders.Remove("nn-ywtb-04"), CancellationToken.None);

        Assert.That(removed.Succeeded, Is.True, removed.Message);
        Assert.That(_arm.Get(FakeArm.VmId("nn-ywtb-04")), Is.Null);
        Assert.That(_arm.Get(FakeArm.NetworkId("networkSecurityGroups", "nn-ywtb-04-nsg")), Is.Null);
        var calls = _arm.Requests.Skip(before).ToList();
        Assert.That(calls.Count(c => c.StartsWith("DELETE ", StringComparison.Ordinal)), Is.EqualTo(2), string.Join("\n", calls));
        Assert.That(calls.Count(c => c.Contains("/operations/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2 * (_arm.PollsBeforeDone + 1)), "each delete was polled until done");
        Assert.That((await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads, Is.Empty);
    }

    [Test]
    public async Task Remove_Twice_SecondSucceedsAndAnNsgNotMadeByCloudGovIsKept()
    {
        var provider = TestProviders.For(_arm);
        string foreignNsg = FakeArm.NetworkId("networkSecurityGroups", "legacy-01-nsg");
        _arm.Seed(foreignNsg, ArmJson.Nsg(("ssh", "Inbound", "Allow", "Tcp", "10.0.0.0/8", "22")));

        var first = await provider.ExecuteAsync(TestProviders.Remove("legacy-01"), CancellationToken.None);
        var second = await provider.ExecuteAsync(TestProviders.Remove("legacy-01"), CancellationToken.None);

        Assert.That(first.Succeeded && second.Succeeded, Is.True, first.Message + second.Message);
        Assert.That(_arm.Get(foreignNsg), Is.Not.Null, "an NSG without CloudGov's owner tag is not CloudGov's to delete");
    }

    [Test]
    public async Task Place_OverTheQuota_FailsSayingSoAndCreatesNothing()
    {
        var provider = TestProviders.For(_arm, configure: o => o.Capacity.CpuMillicores = 4_000);
        _arm.Seed(FakeArm.VmId("existing-01"), ArmJson.Vm("Standard_D4s_v5", new Dictionary<string, string>()));

        var result = await provider.ExecuteAsync(TestProviders.Place(TestProviders.Spec("nn-ywtb-05")), CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.Contain("quota (Agent:Azure:Capacity) has no room").And.Contain("6000/4000 millicores"));
        Assert.That(_arm.Count("Microsoft.Network/networkSecurityGroups"), Is.Zero);
        Assert.That(_arm.Count("Microsoft.Compute/virtualMachines"), Is.EqualTo(1));
    }

    [Test]
    public async Task Place_LabelKeyAzureCannotTag_FailsNamingTheLabelAndCreatesNothing()
    {
        var provider = TestProviders.For(_arm);
        var spec = TestProviders.Spec("nn-ywtb-06");
        spec.Labels["team?x"] = "a";

        var result = await provider.ExecuteAsync(TestProviders.Place(spec), CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.Contain("label 'team?x' cannot be an Azure tag"));
        Assert.That(_arm.Requests, Is.Empty);
    }

    [Test]
    public async Task Place_ArmRefusesThePut_FailsWithArmsCodeAndMessage()
    {
        var provider = TestProviders.For(_arm);
        await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        _arm.FailNext(2, HttpStatusCode.Conflict, "OperationNotAllowed", "Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota.");

        var result = await provider.ExecuteAsync(TestProviders.Place(TestProviders.Spec("nn-ywtb-07")), CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.Contain("409 OperationNotAllowed").And.Contain("exceeding approved standardDSv5Family Cores quota"));
    }
}
