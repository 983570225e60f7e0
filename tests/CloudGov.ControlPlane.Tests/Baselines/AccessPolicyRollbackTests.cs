using CloudGov.ControlPlane.Grains.Plans;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Baselines;

/// <summary>The post-migration access-control check: a move whose target applies another policy rolls back instead of removing the source copy.</summary>
public sealed class AccessPolicyRollbackTests
{
    private const string PlanId = "plan-00000000000000ac";
    private static readonly DateTimeOffset Now = ProposedAt.AddMinutes(5);
    private static readonly PlanExecutionOptions Options = new() { MoveTimeout = TimeSpan.FromMinutes(2), RemoveTimeout = TimeSpan.FromHours(1), MaxConcurrentMoves = 3, MaxConcurrentMovesPerZone = 2 };
    private static readonly AccessPolicy Https = AccessPolicy.Canonical([new AccessRule(AccessProtocol.Tcp, 443, 443, "10.0.0.0/8")]);
    private static readonly AccessPolicy Open = AccessPolicy.Canonical([new AccessRule(AccessProtocol.Tcp, 443, 443, "0.0.0.0/0")]);

    [Test]
    public void Step_TargetRunsItWithAnotherPolicy_RollsBackNamingTheRuleAndKeepsTheSource()
    {
        var step = Run(MlpsLevel.Level3, observed: Open);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.RollingBack));
        Assert.That(step.Plan.Moves[0].Message, Does.Contain("access-policy-follows-migration").And.Contain("0.0.0.0/0"));
        Assert.That(step.Commands.Single().ZoneId, Is.EqualTo("b"), "the target's copy is removed; the source keeps its copy");
        Assert.That(step.Commands.Single().Command.Kind, Is.EqualTo(ZoneCommandKind.Remove));
    }

    [Test]
    public void Step_TargetReportsNoPolicy_RollsBack()
    {
        var step = Run(MlpsLevel.Level3, observed: null);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.RollingBack));
        Assert.That(step.Plan.Moves[0].Message, Does.Contain("no access-control policy"));
    }

    [Test]
    public void Step_TargetAppliesTheSamePolicy_RemovesFromTheSource()
    {
        var step = Run(MlpsLevel.Level3, observed: Https);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Removing));
        Assert.That(step.Commands.Single().ZoneId, Is.EqualTo("a"));
    }

    [Test]
    public void Step_Level1SystemWithAnotherPolicy_NotCheckedByTheRule()
    {
        var step = Run(MlpsLevel.Level1, observed: Open);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Removing), "the rule applies to levels 2-4");
    }

    [Test]
    public void RollbackViolation_MoveRollingBackForAMismatch_FindingEvidenceNamesBothPolicies()
    {
        var step = Run(MlpsLevel.Level3, observed: Open);
        var target = Probe(Open);

        var violation = AccessPolicyCheck.RollbackViolation(PlanId, step.Plan.Moves[0], target);

        Assert.That(violation, Is.Not.Null);
        Assert.That(violation!.RuleId, Is.EqualTo("access-policy-follows-migration"));
        Assert.That(violation.Enforced, Is.True);
        Assert.That(violation.Evidence.Single().Key, Is.EqualTo("workload.observed_access_policy"));
        Assert.That(violation.Evidence.Single().Observed, Is.EqualTo("tcp/443-443/0.0.0.0/0"));
        Assert.That(violation.Evidence.Single().Expected, Is.EqualTo("tcp/443-443/10.0.0.0/8"));
        Assert.That(violation.Message, Does.Contain(PlanId).And.Contain("rolled back"));
    }

    [Test]
    public void RollbackViolation_MoveRemovingAfterAMatch_None()
    {
        var step = Run(MlpsLevel.Level3, observed: Https);

        Assert.That(AccessPolicyCheck.RollbackViolation(PlanId, step.Plan.Moves[0], Probe(Https)), Is.Null);
    }

    private static ZoneProbe Probe(AccessPolicy observed) => new("b", true, ZoneStatus.Ready, true, ImmutableDictionary<string, WorkloadState>.Empty, ImmutableDictionary<string, ZoneCommandOutcome>.Empty)
    {
        AccessPolicies = ImmutableDictionary<string, AccessPolicy>.Empty.Add("w-0", observed),
    };

    private static ExecutionStep Run(MlpsLevel level, AccessPolicy? observed)
    {
        var move = Move(0, "a", "b") with
        {
            State = MoveState.Placing,
            StartedAt = Now.AddSeconds(-10),
            Deadline = Now.AddSeconds(-10) + Options.MoveTimeout,
            Spec = new WorkloadSpec("w-0", "t", MlpsLevel: level, AccessPolicy: Https),
        };
        var plan = Proposed(PlanId, move) with { State = PlanState.Executing };
        var target = new ZoneProbe("b", true, ZoneStatus.Ready, true,
            ImmutableDictionary<string, WorkloadState>.Empty.Add("w-0", WorkloadState.Running),
            ImmutableDictionary<string, ZoneCommandOutcome>.Empty.Add($"{PlanId}.0.place", new ZoneCommandOutcome($"{PlanId}.0.place", true, true, string.Empty, Now)))
        {
            AccessPolicies = observed is null ? ImmutableDictionary<string, AccessPolicy>.Empty : ImmutableDictionary<string, AccessPolicy>.Empty.Add("w-0", observed),
        };
        var source = new ZoneProbe("a", true, ZoneStatus.Ready, true, ImmutableDictionary<string, WorkloadState>.Empty.Add("w-0", WorkloadState.Running), ImmutableDictionary<string, ZoneCommandOutcome>.Empty);
        return PlanExecutor.Step(plan, new Dictionary<string, ZoneProbe> { ["a"] = source, ["b"] = target }, Now, Options);
    }
}
