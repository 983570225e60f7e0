using CloudGov.ControlPlane.Grpc;
using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;
using static CloudGov.ControlPlane.Tests.Grpc.AgentMessageValidatorTests;

namespace CloudGov.ControlPlane.Tests.Grpc;

/// <summary>The agent stream's bounds (issue 11): each case answers InvalidArgument with a field violation naming the field, and quotes only a short prefix.</summary>
public sealed class WireBoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static BadRequest.Types.FieldViolation[] Violations(RpcException ex)
    {
        var status = ex.GetRpcStatus();
        Assert.That(status, Is.Not.Null, "InvalidArgument carries a google.rpc.Status");
        return [.. status!.GetDetail<BadRequest>().FieldViolations];
    }

    private static RpcException RejectedReport(Action<ZoneReport> change)
    {
        var report = ValidReport(3, Now);
        change(report);
        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateReport(report, Now))!;
        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        return ex;
    }

    private static RpcException RejectedHello(Action<Hello> change)
    {
        var hello = ValidHello();
        change(hello);
        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateHello(hello))!;
        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        return ex;
    }

    [TestCase("   ", "workload_id")]
    [TestCase("w 1", "workload_id")]
    public void ValidateReport_BlankOrSpacedWorkloadId_NamesTheField(string id, string field)
    {
        var ex = RejectedReport(r => r.Workloads[0].WorkloadId = id);

        Assert.That(Violations(ex).Select(v => v.Field), Does.Contain($"report.workloads[0].{field}"));
    }

    [Test]
    public void ValidateReport_BlankTenant_NamesTheField()
    {
        var ex = RejectedReport(r => r.Workloads[0].TenantId = "   ");

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.workloads[0].tenant_id" }));
    }

    [TestCase(0)]
    [TestCase(77)]
    public void ValidateReport_MissingOrUndefinedMlpsLevel_NamesTheField(int level)
    {
        var ex = RejectedReport(r => r.Workloads[0].MlpsLevel = (Common.MlpsLevel)level);

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.workloads[0].mlps_level" }));
        Assert.That(ex.Status.Detail, Does.Contain($"{level} is not an MLPS level"));
    }

    [Test]
    public void ValidateReport_UndefinedState_NamesTheField()
    {
        var ex = RejectedReport(r => r.Workloads[0].State = (CloudGov.Proto.Agent.V1.WorkloadState)99);

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.workloads[0].state" }));
    }

    [Test]
    public void ValidateReport_RequestAboveTheCeiling_NamesTheDimension()
    {
        var ex = RejectedReport(r => r.Workloads[0].Requests.CpuMillicores = long.MaxValue);

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.workloads[0].requests.cpu_millicores" }));
        Assert.That(ex.Status.Detail, Does.Contain("more than any zone can have (100000000)"));
    }

    [Test]
    public void ValidateReport_TwoWorkloadsOf2Pow62_RejectedBeforeAnySum()
    {
        var ex = RejectedReport(r =>
        {
            r.Workloads[0].Requests.MemoryMib = 1L << 62;
            var second = r.Workloads[0].Clone();
            second.WorkloadId = "w-2";
            r.Workloads.Add(second);
        });

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.workloads[0].requests.memory_mib", "report.workloads[1].requests.memory_mib" }));
    }

    [Test]
    public void ValidateReport_MaximalWorkloadsAtTheCeiling_SumWithoutOverflow()
    {
        var report = ValidReport(3, Now);
        report.Workloads.Clear();
        report.Capacity = new Common.ResourceVector { CpuMillicores = ZoneLimits.MaxCapacity.CpuMillicores, MemoryMib = ZoneLimits.MaxCapacity.MemoryMiB, StorageGib = 4_000, Gpu = 0 };
        for (int i = 0; i < ZoneLimits.MaxWorkloadsPerReport; i++)
        {
            report.Workloads.Add(new WorkloadReport
            {
                WorkloadId = $"w-{i}",
                TenantId = "t",
                Requests = new Common.ResourceVector { CpuMillicores = ZoneLimits.MaxCapacity.CpuMillicores, MemoryMib = ZoneLimits.MaxCapacity.MemoryMiB },
                MlpsLevel = Common.MlpsLevel._2,
                State = CloudGov.Proto.Agent.V1.WorkloadState.Running,
            });
        }

        var data = AgentMessageValidator.ValidateReport(report, Now);

        var sum = data.Workloads.Aggregate(ResourceVector.Zero, (s, w) => ResourceSums.Checked(s, w.Requests));
        Assert.That(sum.MemoryMiB, Is.EqualTo((long)ZoneLimits.MaxWorkloadsPerReport * ZoneLimits.MaxCapacity.MemoryMiB));
    }

    [TestCase(ulong.MaxValue)]
    [TestCase((1UL << 53) + 1)]
    public void ValidateReport_SequenceAboveTheCeiling_NamesTheField(ulong sequence)
    {
        var ex = RejectedReport(r => r.Sequence = sequence);

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.sequence" }));
    }

    [Test]
    public void ValidateReport_SequenceAtTheCeiling_Accepted() =>
        Assert.That(AgentMessageValidator.ValidateReport(ValidReport(WireLimits.MaxSequence, Now), Now).Sequence, Is.EqualTo(1UL << 53));

    [Test]
    public void ValidateReport_Year10000_InvalidArgumentNotAnException()
    {
        var ex = RejectedReport(r => r.ObservedAt = new Timestamp { Seconds = 253_402_300_800 });

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.observed_at.seconds" }));
    }

    [TestCase(-1)]
    [TestCase(1_000_000_000)]
    public void ValidateReport_NanosOutOfRange_InvalidArgumentNotAnException(int nanos)
    {
        var ex = RejectedReport(r => r.ObservedAt = new Timestamp { Seconds = Now.ToUnixTimeSeconds(), Nanos = nanos });

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.observed_at.nanos" }));
    }

    [Test]
    public void ValidateReport_BeforeYear2000_Rejected()
    {
        var ex = RejectedReport(r => r.ObservedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.That(ex.Status.Detail, Does.Contain("fix the agent's clock"));
    }

    [Test]
    public void ValidateReport_OneMebibyteSystem_RejectedQuotingNothingOfIt()
    {
        var ex = RejectedReport(r => r.Workloads[0].System = new string('s', 1 << 20));

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.workloads[0].system" }));
        Assert.That(ex.Status.Detail, Does.Not.Contain("sss"));
        Assert.That(ex.Status.Detail.Length, Is.LessThan(300));
    }

    [Test]
    public void ValidateReport_PostureValueWithNewline_Rejected()
    {
        var ex = RejectedReport(r => r.Posture.Add(new CloudGov.Proto.Agent.V1.PostureFact { Key = "ssh", Value = "on\nFAKE LOG LINE" }));

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "report.posture[0].value" }));
    }

    [Test]
    public void ValidateHello_ZoneIdWithTrailingNewline_Rejected()
    {
        var ex = RejectedHello(h => h.ZoneId = "gx-nanning-hcs\n");

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "hello.zone_id" }));
        Assert.That(ex.Status.Detail, Does.Contain("'gx-nanning-hcs\\u000a'"), "the newline is escaped, never written raw");
    }

    [Test]
    public void ValidateHello_HugeVendor_RejectedQuotingNothingOfIt()
    {
        var ex = RejectedHello(h => h.Zone.Vendor = new string('v', 2_300_000));

        Assert.That(Violations(ex).Select(v => v.Field), Is.EqualTo(new[] { "hello.zone.vendor" }));
        Assert.That(ex.Status.Detail, Does.Contain("(2300000 given)").And.Not.Contain("vvv"));
    }

    [Test]
    public void ValidateHello_TooManyCapabilitiesOrControlCharacters_Rejected()
    {
        var ex = RejectedHello(h =>
        {
            h.Capabilities.Add(Enumerable.Range(0, 17).Select(i => $"c{i}"));
            h.Zone.DisplayName = "南宁\u0007";
            h.AgentVersion = new string('1', 65);
        });

        Assert.That(Violations(ex).Select(v => v.Field), Is.EquivalentTo(new[] { "hello.capabilities", "hello.zone.display_name", "hello.agent_version" }));
    }

    [Test]
    public void ValidateCommandResult_HugeMessageOrBadId_Rejected()
    {
        var ex = Assert.Throws<RpcException>(() => AgentMessageValidator.ValidateCommandResult(new CommandResult { CommandId = "c 1", Message = new string('m', 2000) }))!;

        Assert.That(Violations(ex).Select(v => v.Field), Is.EquivalentTo(new[] { "command_result.command_id", "command_result.message" }));
    }

    [Test]
    public void WireTextExcerpt_LongValueWithControls_ShortEscapedPrefix()
    {
        var excerpt = WireText.Excerpt("\u001b[31m" + new string('x', 100));

        Assert.That(excerpt.StartsWith("\\u001b[31m", StringComparison.Ordinal), Is.True, excerpt);
        Assert.That(excerpt.Contains('\u001b', StringComparison.Ordinal), Is.False, "the escape character itself never appears");
        Assert.That(excerpt, Does.EndWith("…"));
    }

    [Test]
    public void ResourceSums_Saturating_NeverWraps()
    {
        var big = new ResourceVector(long.MaxValue - 1, 1L << 62, 0, 0);

        var sum = ResourceSums.Saturating(big, new ResourceVector(10, 1L << 62, 0, 0));

        Assert.That(sum.CpuMillicores, Is.EqualTo(long.MaxValue));
        Assert.That(sum.MemoryMiB, Is.EqualTo(long.MaxValue));
        Assert.That(() => ResourceSums.Checked(big, new ResourceVector(10, 0, 0, 0)), Throws.TypeOf<OverflowException>());
    }
}
