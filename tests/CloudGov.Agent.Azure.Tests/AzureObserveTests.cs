namespace CloudGov.Agent.Azure.Tests;

/// <summary>Inventory and posture against the fake ARM endpoint: VMs made outside CloudGov, as ARM returns them.</summary>
public sealed class AzureObserveTests
{
    private static readonly Dictionary<string, string> IntentTags = new()
    {
        ["cloudgov.io:tenant"] = "nn-gaj",
        ["cloudgov.io:system"] = "视频会议",
        ["cloudgov.io:mlps-level"] = "3",
        ["env"] = "prod",
    };

    private FakeArm _arm = null!;

    [SetUp]
    public async Task StartAsync() => _arm = await FakeArm.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _arm.DisposeAsync();

    [Test]
    public async Task Observe_VmsOfTheResourceGroup_WorkloadsWithIntentFromTagsRequestsFromSizeAndDisksAndCapacityFromQuota()
    {
        string nsg = FakeArm.NetworkId("networkSecurityGroups", "video-01-nsg");
        _arm.Seed(nsg, ArmJson.Nsg(("https", "Inbound", "Allow", "Tcp", "10.0.0.0/8", "443"), ("deny-rdp", "Inbound", "Deny", "Tcp", "*", "3389")));
        _arm.Seed(FakeArm.VmId("video-01"), ArmJson.Vm("Standard_D4s_v5", IntentTags, encryptionAtHost: true, nsgId: nsg, osDiskGib: 64, dataDisksGib: [256]));
        _arm.Seed(FakeArm.VmId("legacy-02"), ArmJson.Vm("Standard_B2s", new Dictionary<string, string> { ["owner"] = "ops" }, encryptionAtHost: true, state: "Creating"));
        _arm.Seed(FakeArm.VmId("elsewhere-03", group: "rg-other"), ArmJson.Vm("Standard_B2s", IntentTags));
        var provider = TestProviders.For(_arm);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False, observation.DegradedReason);
        Assert.That(observation.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "legacy-02", "video-01" }), "only the zone's resource group, by name");
        var video = observation.Workloads.Single(w => w.WorkloadId == "video-01");
        Assert.That(video.TenantId, Is.EqualTo("nn-gaj"));
        Assert.That(video.System, Is.EqualTo("视频会议"));
        Assert.That(video.MlpsLevel, Is.EqualTo(MlpsLevel._3));
        Assert.That(video.State, Is.EqualTo(WorkloadState.Running));
        Assert.That(video.Requests, Is.EqualTo(new ResourceVector { CpuMillicores = 4_000, MemoryMib = 16_384, StorageGib = 320 }));
        Assert.That(video.Labels, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["cloudgov.io/tenant"] = "nn-gaj",
            ["cloudgov.io/system"] = "视频会议",
            ["cloudgov.io/mlps-level"] = "3",
            ["env"] = "prod",
        }));
        Assert.That(video.AccessPolicy.Ingress, Is.EqualTo(new[] { new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.0.0.0/8" } }),
            "the Allow rule; the Deny rule and ARM's default rules admit nothing");
        var legacy = observation.Workloads.Single(w => w.WorkloadId == "legacy-02");
        Assert.That(legacy.TenantId, Is.EqualTo("unassigned"), "no tenant tag: Agent:Azure:DefaultTenant");
        Assert.That(legacy.MlpsLevel, Is.EqualTo(MlpsLevel._2), "no level tag: Agent:Azure:DefaultMlpsLevel");
        Assert.That(legacy.State, Is.EqualTo(WorkloadState.Pending), "provisioningState Creating");
        Assert.That(legacy.AccessPolicy, Is.Null, "no NSG: the provider cannot tell");
        Assert.That(observation.Capacity, Is.EqualTo(new ResourceVector { CpuMillicores = 64_000, MemoryMib = 262_144, StorageGib = 4_000 }));
        Assert.That(observation.Usage.CpuMillicores, Is.EqualTo(6_000));
        Assert.That(_arm.Unrouted, Is.Zero, string.Join("\n", _arm.Requests));
    }

    [Test]
    public async Task Observe_ManyVms_FollowsNextLinkAcrossPages()
    {
        _arm.PageSize = 2;
        foreach (int i in Enumerable.Range(1, 5))
        {
            _arm.Seed(FakeArm.VmId($"vm-{i:D2}"), ArmJson.Vm("Standard_B1s", IntentTags, encryptionAtHost: true));
        }

        var observation = await TestProviders.For(_arm).ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "vm-01", "vm-02", "vm-03", "vm-04", "vm-05" }));
        Assert.That(_arm.Requests.Count(r => r.Contains("$skiptoken", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public async Task Observe_UnencryptedDisksAndAdminPortsOpenToTheInternet_PostureNamesThePortsAndTheVms()
    {
        string open = FakeArm.NetworkId("networkSecurityGroups", "open-nsg");
        _arm.Seed(open, ArmJson.Nsg(
            ("ssh-any", "Inbound", "Allow", "Tcp", "*", "22"),
            ("https", "Inbound", "Allow", "Tcp", "0.0.0.0/0", "443"),
            ("ssh-out", "Outbound", "Allow", "Tcp", "*", "22")));
        string rdp = FakeArm.NetworkId("networkSecurityGroups", "rdp-nsg");
        _arm.Seed(rdp, ArmJson.Nsg(("rdp-range", "Inbound", "Allow", "*", "Internet", "3000-4000")));
        string closed = FakeArm.NetworkId("networkSecurityGroups", "closed-nsg");
        _arm.Seed(closed, ArmJson.Nsg(("ssh-bastion", "Inbound", "Allow", "Tcp", "10.1.2.3", "22"), ("ssh-deny", "Inbound", "Deny", "Tcp", "*", "22")));
        string nic = FakeArm.NetworkId("networkInterfaces", "win-02-nic");
        _arm.Seed(nic, ArmJson.Nic(rdp));
        _arm.Seed(FakeArm.VmId("web-01"), ArmJson.Vm("Standard_B2s", IntentTags, nsgId: open));
        _arm.Seed(FakeArm.VmId("win-02"), ArmJson.Vm("Standard_B2s", IntentTags, desId: "/subscriptions/x/resourceGroups/kv/providers/Microsoft.Compute/diskEncryptionSets/des", nicId: nic, dataDisksGib: [32]));
        _arm.Seed(FakeArm.VmId("db-03"), ArmJson.Vm("Standard_B2s", IntentTags, encryptionAtHost: true, nsgId: closed));

        var observation = await TestProviders.For(_arm).ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        var facts = observation.Posture.ToDictionary(f => f.Key, f => f.Value);
        Assert.That(facts["network.world_open_ports"], Is.EqualTo("22,3389"));
        Assert.That(facts["azure.vms_admin_ports_open_to_internet"], Is.EqualTo("web-01,win-02"));
        Assert.That(facts["storage.encryption_at_rest"], Is.EqualTo("disabled"), "web-01 has platform-managed keys only");
        Assert.That(facts["azure.vms_without_disk_encryption"], Is.EqualTo("web-01"));
        Assert.That(facts["azure.vms_without_readable_nsg"], Is.EqualTo("none"));
        var win = observation.Workloads.Single(w => w.WorkloadId == "win-02");
        Assert.That(win.AccessPolicy.Ingress, Is.EquivalentTo(new[]
        {
            new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 3000, PortTo = 4000, SourceCidr = "0.0.0.0/0" },
            new AccessRule { Protocol = AccessProtocol.Udp, PortFrom = 3000, PortTo = 4000, SourceCidr = "0.0.0.0/0" },
        }), "read through the NIC the VM references; protocol * is TCP and UDP, Internet is 0.0.0.0/0");
        var db = observation.Workloads.Single(w => w.WorkloadId == "db-03");
        Assert.That(db.AccessPolicy.Ingress.Single().SourceCidr, Is.EqualTo("10.1.2.3/32"));
    }

    [Test]
    public async Task Observe_VmNamesAnNsgThatIsGone_AccessPolicyUnsetAndPostureSaysSo()
    {
        _arm.Seed(FakeArm.VmId("orphan-01"), ArmJson.Vm("Standard_B2s", IntentTags, encryptionAtHost: true, nsgId: FakeArm.NetworkId("networkSecurityGroups", "deleted-nsg")));

        var observation = await TestProviders.For(_arm).ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False, "a missing NSG is the zone's state, not an ARM failure");
        Assert.That(observation.Workloads.Single().AccessPolicy, Is.Null);
        Assert.That(observation.Posture.Single(f => f.Key == "azure.vms_without_readable_nsg").Value, Is.EqualTo("orphan-01"));
    }
}
