using CloudGov.ControlPlane.Grpc;
using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.ControlPlane.Tests.Grpc;

public sealed class AgentMessageValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    internal static Hello ValidHello(string zoneId = "gx-nanning-hcs") => new()
    {
        ZoneId = zoneId,
        AgentVersion = "1.0.0",
        Provider = Common.ProviderKind.Simulated,
        Zone = new CloudGov.Proto.Agent.V1.ZoneDescriptor
        {
            DisplayName = "南宁市政务云",
            AdministrativeLevel = Common.AdministrativeLevel.City,
            RegionCode = "450100",
            Vendor = "Huawei Cloud Stack",
            MlpsLevel = Common.MlpsLevel._3,
            NetworkPlane = Common.NetworkPlane.EgovExtranet,
            CpuOvercommit = 1.5,
        },
    };

    internal static ZoneReport ValidReport(ulong sequence, DateTimeOffset observedAt)
    {
        var report = new ZoneReport
        {
            Sequence = sequence,
            ObservedAt = Timestamp.FromDateTimeOffset(observedAt),
            Capacity = new Common.ResourceVector { CpuMillicores = 64_000, MemoryMib = 262_144, StorageGib = 4_000 },
            Usage = new Common.ResourceVector { CpuMillicores = 20_000, MemoryMib = 100_000, StorageGib = 1_000 },
        };
        report.Workloads.Add(new WorkloadReport
        {
            WorkloadId = "w-1",
            TenantId = "nn-rsj",
            System = "社保核心",
            Requests = new Common.ResourceVector { CpuMillicores = 4000, MemoryMib = 8192, StorageGib = 100 },
            Usage = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 4096, StorageGib = 60 },
            MlpsLevel = Common.MlpsLevel._3,
            State = CloudGov.Proto.Agent.V1.WorkloadState.Running,
        });
        return report;
    }

    [Test]
    public void ValidateHello_Valid_MapsDescriptor()
    {
        var (zoneId, descriptor) = AgentMessageValidator.ValidateHello(ValidHello());

        Assert.That(zoneId, Is.EqualTo("gx-nanning-hcs"));
        Assert.That(descriptor.AdministrativeLevel, Is.EqualTo(AdministrativeLevel.City));
        Assert.That(descriptor.MlpsLevel, Is.EqualTo(MlpsLevel.Level3));
        Assert.That(descriptor.NetworkPlane, Is.EqualTo(NetworkPlane.EGovExtranet));
        Assert.That(descriptor.MemoryOvercommit, Is.EqualTo(1.0), "0 over-commit means none");
    }

    [Test]
    public void ValidateHello_MalformedZoneId_InvalidArgumentNamingTheFormat()
    {
        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateHello(ValidHello("Nanning_Zone")));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.Contain("hello.zone_id: 'Nanning_Zone' is malformed").And.Contain("lowercase"));
    }

    [Test]
    public void ValidateHello_SeveralProblems_ReportsEachOne()
    {
        var hello = ValidHello();
        hello.Zone.RegionCode = "45";
        hello.Zone.MlpsLevel = Common.MlpsLevel._1;
        hello.Zone.CpuOvercommit = 50;

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateHello(hello));

        Assert.That(ex!.Status.Detail, Does.Contain("region_code").And.Contain("mlps_level").And.Contain("cpu_overcommit"));
    }

    [Test]
    public void ValidateReport_Valid_MapsWorkloads()
    {
        var data = AgentMessageValidator.ValidateReport(ValidReport(7, Now), Now);

        Assert.That(data.Sequence, Is.EqualTo(7UL));
        Assert.That(data.Workloads, Has.Length.EqualTo(1));
        Assert.That(data.Workloads[0].Requests, Is.EqualTo(new ResourceVector(4000, 8192, 100)));
        Assert.That(data.Capacity.CpuMillicores, Is.EqualTo(64_000));
    }

    [Test]
    public void ValidateReport_NegativeCapacity_InvalidArgument()
    {
        var report = ValidReport(1, Now);
        report.Capacity.CpuMillicores = -5;

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.Contain("report.capacity.cpu_millicores: is -5; it must not be negative"));
    }

    [Test]
    public void ValidateReport_AbsurdCapacity_InvalidArgumentWithTheLimit()
    {
        var report = ValidReport(1, Now);
        report.Capacity.MemoryMib = long.MaxValue;

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.Status.Detail, Does.Contain("capacity.memory").And.Contain("absurd"));
    }

    [Test]
    public void ValidateReport_UsageFarAboveCapacity_Rejected()
    {
        var report = ValidReport(1, Now);
        report.Usage.CpuMillicores = 1_000_000;

        Assert.That(() => AgentMessageValidator.ValidateReport(report, Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("usage.cpu"));
    }

    [Test]
    public void ValidateReport_SequenceZero_Rejected() =>
        Assert.That(() => AgentMessageValidator.ValidateReport(ValidReport(0, Now), Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("report.sequence: 0 is out of range: sequences start at 1"));

    [Test]
    public void ValidateReport_ObservedFarInTheFuture_RejectedAsClockSkew() =>
        Assert.That(() => AgentMessageValidator.ValidateReport(ValidReport(1, Now.AddHours(1)), Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("fix the agent's clock"));

    [Test]
    public void ValidateReport_DuplicateWorkloadIds_Rejected()
    {
        var report = ValidReport(1, Now);
        report.Workloads.Add(report.Workloads[0].Clone());

        Assert.That(() => AgentMessageValidator.ValidateReport(report, Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("appears twice"));
    }

    [Test]
    public void ValidateReport_MissingCapacity_Rejected()
    {
        var report = ValidReport(1, Now);
        report.Capacity = null;

        Assert.That(() => AgentMessageValidator.ValidateReport(report, Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("capacity is required"));
    }

    [Test]
    public void ValidateReport_WorkloadLabels_MappedOrderedByKey()
    {
        var report = ValidReport(3, Now);
        report.Workloads[0].Labels.Add("owner-dept", "nn-rsj");
        report.Workloads[0].Labels.Add("cloudgov.io/network-plane", "egov-extranet");
        report.Workloads[0].Labels.Add("app", "社保核心");

        var data = AgentMessageValidator.ValidateReport(report, Now);

        Assert.That(data.Workloads[0].Labels, Is.EqualTo(new[]
        {
            new WorkloadLabel("app", "社保核心"),
            new WorkloadLabel("cloudgov.io/network-plane", "egov-extranet"),
            new WorkloadLabel("owner-dept", "nn-rsj"),
        }));
    }

    [Test]
    public void ValidateReport_AccessPolicy_MappedCanonical()
    {
        var report = ValidReport(3, Now);
        report.Workloads[0].AccessPolicy = new Common.AccessPolicy();
        report.Workloads[0].AccessPolicy.Ingress.Add(new Common.AccessRule { Protocol = Common.AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.9.9.9/8" });
        report.Workloads[0].AccessPolicy.Ingress.Add(new Common.AccessRule { Protocol = Common.AccessProtocol.Tcp, PortFrom = 22, PortTo = 22, SourceCidr = "172.16.0.0/12" });

        var data = AgentMessageValidator.ValidateReport(report, Now);

        Assert.That(data.Workloads[0].AccessPolicy, Is.EqualTo(AccessPolicy.Canonical([new(AccessProtocol.Tcp, 22, 22, "172.16.0.0/12"), new(AccessProtocol.Tcp, 443, 443, "10.0.0.0/8")])));
    }

    [Test]
    public void ValidateReport_NoAccessPolicy_NullMeaningTheProviderCannotTell() =>
        Assert.That(AgentMessageValidator.ValidateReport(ValidReport(1, Now), Now).Workloads[0].AccessPolicy, Is.Null);

    [Test]
    public void ValidateReport_BadAccessRule_InvalidArgumentNamingTheWorkloadRuleAndWhatToFix()
    {
        var report = ValidReport(3, Now);
        report.Workloads[0].AccessPolicy = new Common.AccessPolicy();
        report.Workloads[0].AccessPolicy.Ingress.Add(new Common.AccessRule { Protocol = Common.AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.0.0.0/8" });
        report.Workloads[0].AccessPolicy.Ingress.Add(new Common.AccessRule { Protocol = Common.AccessProtocol.Tcp, PortFrom = 22, PortTo = 70000, SourceCidr = "10.0.0.0/8" });

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.Contain("report.workloads[0].access_policy.ingress[1]: ports 22..70000 are not a range within 1..65535"));
    }

    [Test]
    public void ValidateReport_TooManyAccessRules_Rejected()
    {
        var report = ValidReport(3, Now);
        report.Workloads[0].AccessPolicy = new Common.AccessPolicy();
        for (uint port = 1; port <= AccessPolicy.MaxRules + 1; port++)
        {
            report.Workloads[0].AccessPolicy.Ingress.Add(new Common.AccessRule { Protocol = Common.AccessProtocol.Tcp, PortFrom = port, PortTo = port, SourceCidr = "10.0.0.0/8" });
        }

        Assert.That(() => AgentMessageValidator.ValidateReport(report, Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("has 65 rules; at most 64"));
    }

    [Test]
    public void ValidateReport_DegradedReasonTooLongOrWithNewline_Rejected()
    {
        var report = ValidReport(3, Now);
        report.Degraded = true;
        report.DegradedReason = new string('x', WireLimits.MaxDegradedReasonLength + 1);
        Assert.That(() => AgentMessageValidator.ValidateReport(report, Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("report.degraded_reason"));

        report.DegradedReason = "throttled\nsecond line";
        Assert.That(() => AgentMessageValidator.ValidateReport(report, Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("report.degraded_reason"));
    }

    [Test]
    public void ValidateReport_NoLabels_EmptyNotDefault()
    {
        var data = AgentMessageValidator.ValidateReport(ValidReport(1, Now), Now);

        Assert.That(data.Workloads[0].Labels.IsDefault, Is.False);
        Assert.That(data.Workloads[0].Labels, Is.Empty);
    }

    [Test]
    public void ValidateReport_LabelsAtEveryBound_Accepted()
    {
        var report = ValidReport(1, Now);
        for (int i = 0; i < ZoneLimits.MaxLabels - 2; i++)
        {
            report.Workloads[0].Labels.Add($"k{i:D2}", "v");
        }

        report.Workloads[0].Labels.Add(new string('k', 128), string.Empty);
        report.Workloads[0].Labels.Add("long", new string('値', 256));

        var data = AgentMessageValidator.ValidateReport(report, Now);

        Assert.That(data.Workloads[0].Labels, Has.Length.EqualTo(ZoneLimits.MaxLabels));
    }

    [Test]
    public void ValidateReport_TooManyLabels_InvalidArgumentNamingReportWorkloadAndField()
    {
        var report = ValidReport(9, Now);
        for (int i = 0; i <= ZoneLimits.MaxLabels; i++)
        {
            report.Workloads[0].Labels.Add($"k{i}", "v");
        }

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.Contain("report.workloads[0].labels: workload 'w-1': labels has 33 entries; at most 32 are allowed"));
    }

    [TestCase("", TestName = "ValidateReport_LabelKeyEmpty_Rejected")]
    [TestCase(" app", TestName = "ValidateReport_LabelKeyLeadingSpace_Rejected")]
    [TestCase("app\t", TestName = "ValidateReport_LabelKeyTrailingTab_Rejected")]
    [TestCase("a\u0000pp", TestName = "ValidateReport_LabelKeyWithNul_Rejected")]
    public void ValidateReport_BadLabelKey_InvalidArgumentNamingTheKeyField(string key)
    {
        var report = ValidReport(4, Now);
        report.Workloads[0].Labels.Add(key, "v");

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.StartWith("report.workloads[0].labels: workload 'w-1': labels key '").And.Contain("must be 1-128 characters"));
        Assert.That(ex.Status.Detail.Any(char.IsControl), Is.False, "control characters are escaped, not copied into the message");
    }

    [Test]
    public void ValidateReport_LabelKeyTooLong_RejectedQuotingOnlyAPrefix()
    {
        var report = ValidReport(4, Now);
        report.Workloads[0].Labels.Add(new string('k', 129), "v");

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.Status.Detail, Does.Contain($"labels key '{new string('k', 32)}…' (129 characters) must be 1-128 characters"));
        Assert.That(ex.Status.Detail, Does.Not.Contain(new string('k', 33)));
    }

    [Test]
    public void ValidateReport_LabelValueTooLong_RejectedNamingTheKeyAndQuotingOnlyAPrefix()
    {
        var report = ValidReport(5, Now);
        report.Workloads[0].Labels.Add("app", new string('v', 257));

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Does.Contain($"report.workloads[0].labels: workload 'w-1': labels['app'] value '{new string('v', 32)}…' (257 characters) must be at most 256 characters"));
        Assert.That(ex.Status.Detail, Does.Not.Contain(new string('v', 33)));
    }

    [Test]
    public void ValidateReport_LabelValueWithNewline_RejectedWithTheNewlineEscaped()
    {
        var report = ValidReport(5, Now);
        report.Workloads[0].Labels.Add("env", "prod\nINFO forged log line");

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.Status.Detail, Does.Contain("labels['env'] value 'prod\\u000aINFO forged log line'").And.Contain("without control characters"));
    }

    [Test]
    public void ValidateReport_LongWorkloadIdWithBadLabel_NamesOnlyAPrefixOfTheId()
    {
        var report = ValidReport(6, Now);
        report.Workloads[0].WorkloadId = "w-" + new string('x', 120);
        report.Workloads[0].Labels.Add("app", "a\u0007");

        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now));

        Assert.That(ex!.Status.Detail, Does.Contain($"report.workloads[0].labels: workload 'w-{new string('x', 30)}…' (122 characters): labels['app']"));
    }

    [Test]
    public void ValidateReport_BadLabelOnOneWorkload_WholeReportRejected()
    {
        var report = ValidReport(2, Now);
        var good = report.Workloads[0].Clone();
        good.WorkloadId = "w-2";
        report.Workloads.Add(good);
        report.Workloads[0].Labels.Add("env", new string('v', 300));

        Assert.That(() => AgentMessageValidator.ValidateReport(report, Now),
            Throws.TypeOf<RpcException>().With.Property("StatusCode").EqualTo(StatusCode.InvalidArgument));
    }
}
