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
        Assert.That(ex.Status.Detail, Does.Contain("hello.zone_id 'Nanning_Zone' is malformed").And.Contain("lowercase"));
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
        Assert.That(ex.Status.Detail, Does.Contain("capacity.cpu is -5; it must not be negative"));
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
        Assert.That(() => AgentMessageValidator.ValidateReport(ValidReport(0, Now), Now), Throws.TypeOf<RpcException>().With.Property("Status").Property("Detail").Contains("sequence must be 1 or more"));

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
}
