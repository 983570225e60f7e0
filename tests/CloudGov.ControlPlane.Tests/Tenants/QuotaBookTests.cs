using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.Scheduling.Quota;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>The pure rules: hierarchy invariants on every tenant command, auto-approval rules, the quota view.</summary>
public sealed class QuotaBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly QuotaReading Cloud = new(new ResourceVector(100_000, 400_000, 10_000), new ResourceVector(20_000, 80_000, 2_000), ResourceVector.Zero);
    private static readonly QuotaAutoApprovalPolicy Policy = new(new QuotaAutoApprovalOptions());

    private static TenantQuotaState Tree()
    {
        var s = new TenantQuotaState();
        foreach (var (id, parent, cpu) in new[] { ("gx", "", 60_000L), ("nn", "gx", 30_000L), ("nn-xx", "nn", 10_000L), ("nn-xx-dsj", "nn-xx", 4_000L) })
        {
            var step = QuotaBook.CreateTenant(s, new TenantNode(id, id, parent, new ResourceVector(cpu, cpu * 4, cpu / 10), Now), "op", Cloud.Capacity, QuotaLimits.Default, Now);
            Assert.That(step.Result.Succeeded, Is.True, step.Result.Message);
            s = step.State;
        }

        return s;
    }

    [Test]
    public void CreateTenant_AllocationAboveWhatTheParentHasLeft_QuotaExceededNamingTheParent()
    {
        var s = Tree();
        var step = QuotaBook.CreateTenant(s, new TenantNode("nn-yy", "邕宁区", "nn", new ResourceVector(25_000, 0, 0), Now), "op", Cloud.Capacity, QuotaLimits.Default, Now);

        Assert.That(step.Result.Failure, Is.EqualTo(QuotaFailure.QuotaExceeded));
        Assert.That(step.Result.ShortLevel, Is.EqualTo("nn"));
        Assert.That(step.State, Is.SameAs(s));
    }

    [Test]
    public void CreateTenant_RootAboveOneCloudCapacity_QuotaExceededAtOneCloud()
    {
        var step = QuotaBook.CreateTenant(Tree(), new TenantNode("gd", "广东", "", new ResourceVector(50_000, 0, 0), Now), "op", Cloud.Capacity, QuotaLimits.Default, Now);

        Assert.That(step.Result.ShortLevel, Is.EqualTo(QuotaBook.OneCloudLevel));
    }

    [Test]
    public void MoveTenant_UnderItsOwnDescendant_InvalidAndNothingChanged()
    {
        var s = Tree();
        var step = QuotaBook.MoveTenant(s, "nn", "nn-xx-dsj", "op", Cloud.Capacity, QuotaLimits.Default, Now);

        Assert.That(step.Result.Failure, Is.EqualTo(QuotaFailure.Invalid));
        Assert.That(step.State, Is.SameAs(s));
    }

    [Test]
    public void MoveTenant_ToAParentWithRoom_MovesTheSubtreeAndKeepsEveryInvariant()
    {
        var s = Tree();
        s = QuotaBook.CreateTenant(s, new TenantNode("lz", "柳州", "gx", new ResourceVector(20_000, 80_000, 2_000), Now), "op", Cloud.Capacity, QuotaLimits.Default, Now).State;

        var step = QuotaBook.MoveTenant(s, "nn-xx", "lz", "op", Cloud.Capacity, QuotaLimits.Default, Now);

        Assert.That(step.Result.Succeeded, Is.True, step.Result.Message);
        Assert.That(step.State.Tenants["nn-xx"].ParentId, Is.EqualTo("lz"));
        Assert.That(TenantHierarchy.Ancestry(step.State.Tenants, "nn-xx-dsj").Select(t => t.TenantId), Is.EqualTo(new[] { "nn-xx-dsj", "nn-xx", "lz", "gx" }));
        Assert.That(step.Decision!.Kind, Is.EqualTo("tenant.move"));
    }

    [Test]
    public void UpdateTenant_BelowWhatItsChildrenHold_FailedPrecondition()
    {
        var step = QuotaBook.UpdateTenant(Tree(), "nn-xx", null, new ResourceVector(3_000, 40_000, 1_000), "op", "cut", Cloud, Now);

        Assert.That(step.Result.Failure, Is.EqualTo(QuotaFailure.FailedPrecondition));
        Assert.That(step.Result.Message, Does.Contain("children hold"));
    }

    [Test]
    public void DeleteTenant_WithChildrenOrWorkloads_RefusedLeafWithoutEither_Deleted()
    {
        var s = Tree();
        Assert.That(QuotaBook.DeleteTenant(s, "nn-xx", false, "op", Now).Result.Message, Does.Contain("child tenants"));
        Assert.That(QuotaBook.DeleteTenant(s, "nn-xx-dsj", true, "op", Now).Result.Message, Does.Contain("workloads"));
        Assert.That(QuotaBook.DeleteTenant(s, "nn-xx-dsj", false, "op", Now).State.Tenants, Does.Not.ContainKey("nn-xx-dsj"));
    }

    [Test]
    public void Request_SmallIncreaseThatFits_AutoApprovedBySmallIncreaseRule()
    {
        var step = QuotaBook.Request(Tree(), Ask("nn-xx-dsj", new ResourceVector(2_000, 4_096, 100)), Cloud, Policy, QuotaLimits.Default, Now);

        Assert.That(step.Result.Request!.State, Is.EqualTo(QuotaRequestState.Approved));
        Assert.That(step.Result.Request.Rule, Is.EqualTo(QuotaAutoApprovalPolicy.SmallIncrease));
        Assert.That(step.Result.Request.DecidedBy, Is.EqualTo(QuotaBook.AutoApprover));
        Assert.That(step.State.Tenants["nn-xx-dsj"].Allocated, Is.EqualTo(new ResourceVector(6_000, 20_096, 500)));
        Assert.That(step.Decision!.Kind, Is.EqualTo("quota.auto-approve"));
    }

    [TestCase(9_000L, 79_000L, QuotaAutoApprovalPolicy.OverLimit)]
    [TestCase(4_000L, 79_000L, QuotaAutoApprovalPolicy.OverShare)]
    [TestCase(2_000L, 1_000L, QuotaAutoApprovalPolicy.NoHeadroom)]
    public void Request_IncreaseThePolicyCannotDecide_PendingWithTheRuleThatSaidSo(long cpu, long headroomCpu, string rule)
    {
        var reading = Cloud with { Requested = new ResourceVector(100_000 - headroomCpu, 0, 0) };
        var step = QuotaBook.Request(Tree(), Ask("nn-xx-dsj", new ResourceVector(cpu, 0, 0)), reading, Policy, QuotaLimits.Default, Now);

        Assert.That(step.Result.Request!.IsPending, Is.True);
        Assert.That(step.Result.Request.Rule, Is.EqualTo(rule));
        Assert.That(step.State.Tenants["nn-xx-dsj"].Allocated.CpuMillicores, Is.EqualTo(4_000), "nothing granted");
    }

    [Test]
    public void Request_DecreaseBelowTheSubtreesUse_FailedPreconditionNothingFiled()
    {
        var s = Tree();
        var step = QuotaBook.Request(s, Ask("nn-xx-dsj", new ResourceVector(3_000, 0, 0), QuotaDirection.Decrease), Cloud with { SubtreeUse = new ResourceVector(2_000, 0, 0) }, Policy, QuotaLimits.Default, Now);

        Assert.That(step.Result.Failure, Is.EqualTo(QuotaFailure.FailedPrecondition));
        Assert.That(step.State, Is.SameAs(s));
    }

    [Test]
    public void Approve_GrantAboveWhatWasRequested_InvalidNamingGranted()
    {
        var s = QuotaBook.Request(Tree(), Ask("nn-xx-dsj", new ResourceVector(9_000, 0, 0)), Cloud, Policy, QuotaLimits.Default, Now);
        var step = QuotaBook.Approve(s.State, s.Result.Request!.RequestId, new ResourceVector(9_001, 0, 0), "op", "", Cloud, QuotaLimits.Default, Now);

        Assert.That(step.Result.Failure, Is.EqualTo(QuotaFailure.Invalid));
        Assert.That(step.Result.Field, Is.EqualTo("granted"));
    }

    [Test]
    public void View_MigrationOfATenantWithinQuota_AdmittedWithoutRoomOverQuotaRefusedAtTheShortLevel()
    {
        var view = new HierarchicalQuotaView([
            new QuotaNode("gx", "", new ResourceVector(20_000, 0, 0), ResourceVector.Zero),
            new QuotaNode("nn", "gx", new ResourceVector(10_000, 0, 0), new ResourceVector(10_000, 0, 0)),
            new QuotaNode("lz", "gx", ResourceVector.Zero, new ResourceVector(1_000, 0, 0))]);

        Assert.That(view.Shortfall("nn", new ResourceVector(5_000, 0, 0), isMigration: true), Is.Null, "nn is exactly at quota: its moves need no room");
        Assert.That(view.Shortfall("nn", new ResourceVector(1, 0, 0), isMigration: false)!.Level, Is.EqualTo("nn"));
        Assert.That(view.Shortfall("lz", new ResourceVector(5_000, 0, 0), isMigration: true)!.Level, Is.EqualTo("lz"), "lz is over quota");
        Assert.That(view.SubtreeUse("gx"), Is.EqualTo(new ResourceVector(11_000, 0, 0)));
        Assert.That(view.Shortfall("nn", ResourceVector.Zero, isMigration: true), Is.Null);
        Assert.That(view.Shortfall("lz", ResourceVector.Zero, isMigration: false)!.Level, Is.EqualTo("lz"), "lz's own level is short even for nothing more");
    }

    [Test]
    public void Request_TenantAtItsPendingLimit_RefusedUntilOneIsDecidedOtherTenantsUnaffected()
    {
        var limits = QuotaLimits.Default with { MaxPendingPerTenant = 2 };
        var s = Tree();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var filed = QuotaBook.Request(s, Ask("nn-xx-dsj", new ResourceVector(50_000, 0, 0)), Cloud, Policy, limits, Now);
            Assert.That(filed.Result.Request!.IsPending, Is.True, filed.Result.Message);
            s = filed.State;
        }

        var third = QuotaBook.Request(s, Ask("nn-xx-dsj", new ResourceVector(50_000, 0, 0)), Cloud, Policy, limits, Now);
        var elsewhere = QuotaBook.Request(s, Ask("nn-xx", new ResourceVector(50_000, 0, 0)), Cloud, Policy, limits, Now);
        var pendingId = s.Requests.Values.First(r => r.IsPending).RequestId;
        var afterReject = QuotaBook.Reject(s, pendingId, "op", "no", limits, Now).State;
        var retried = QuotaBook.Request(afterReject, Ask("nn-xx-dsj", new ResourceVector(50_000, 0, 0)), Cloud, Policy, limits, Now);

        Assert.That(third.Result.Failure, Is.EqualTo(QuotaFailure.LimitReached));
        Assert.That(third.Result.Message, Does.Contain("2 pending requests"));
        Assert.That(elsewhere.Result.Request!.IsPending, Is.True, "another tenant's pending requests do not count");
        Assert.That(retried.Result.Request!.IsPending, Is.True, "a decided request frees its place");
        Assert.That(retried.State.PendingByTenant["nn-xx-dsj"], Is.EqualTo(2));
        Assert.That(retried.State.Indexed().PendingByTenant, Is.EquivalentTo(retried.State.PendingByTenant), "the kept counts are what the requests say");
    }

    [Test]
    public void Request_AfterASiblingIsCreatedThenDeleted_AutoApprovalSeesWhatTheParentHasLeftEachTime()
    {
        var s = QuotaBook.Request(Tree(), Ask("nn-xx-dsj", Cpu(1)), Cloud, Policy, QuotaLimits.Default, Now).State;
        s = QuotaBook.CreateTenant(s, new TenantNode("nn-xx-b", "b", "nn-xx", Cpu(5_999), Now), "op", Cloud.Capacity, QuotaLimits.Default, Now).State;

        var full = QuotaBook.Request(s, Ask("nn-xx-dsj", Cpu(1)), Cloud, Policy, QuotaLimits.Default, Now);
        s = QuotaBook.DeleteTenant(full.State, "nn-xx-b", hasWorkloads: false, "op", Now).State;
        var freed = QuotaBook.Request(s, Ask("nn-xx-dsj", Cpu(1)), Cloud, Policy, QuotaLimits.Default, Now);

        Assert.That(full.Result.Request!.Rule, Is.EqualTo(QuotaAutoApprovalPolicy.ParentShort), "the new sibling took what nn-xx had left");
        Assert.That(freed.Result.Request!.Rule, Is.EqualTo(QuotaAutoApprovalPolicy.SmallIncrease), "the deleted sibling's share is free again");
        Assert.That(freed.State.Tenants["nn-xx-dsj"].Allocated.CpuMillicores, Is.EqualTo(4_002));
    }

    [Test]
    public void Request_BookBeyondItsRetention_OldestDecidedDroppedPendingKeptAsByOrderingEveryDecidedRequest()
    {
        var limits = QuotaLimits.Default with { RetainedRequests = 20 };
        var s = Tree();
        for (int i = 0; i < 60; i++)
        {
            // Every fifth asks above the small-increase limit and waits; one of them is rejected later, out of sequence order.
            var ask = Ask("nn-xx-dsj", i % 5 == 0 ? Cpu(9_000) : Cpu(1));
            var step = QuotaBook.Request(s, ask, Cloud, Policy, limits, Now);
            var expected = Retained(s.Requests.SetItem(step.Result.Request!.RequestId, step.Result.Request), limits);
            Assert.That(step.State.Requests.Keys, Is.EquivalentTo(expected.Keys), $"request {i}");
            Assert.That(step.State.IdempotencyKeys.Values, Is.EquivalentTo(expected.Keys), $"request {i}: the dropped requests' keys go with them");
            s = step.State;
            if (i == 30)
            {
                s = QuotaBook.Reject(s, "qr-000000000001", "op", "no", limits, Now).State;
            }
        }

        Assert.That(s.Requests.Values.Count(r => r.IsPending), Is.EqualTo(11), "pending requests are never dropped");
        Assert.That(s.Requests, Has.Count.EqualTo(limits.RetainedRequests), "the book never grows past the retention while decided requests remain");
        Assert.That(s.Requests.ContainsKey("qr-000000000001"), Is.False, "rejected late, it is still the oldest decided");
    }

    [Test]
    public void ChildrenSums_CarriedThroughGrantsApprovalsAndUpdates_AlwaysWhatTheChildrenHold()
    {
        // The children index remembers each asked parent's sum and carries it to the next state with the one changed
        // tenant's difference applied. After every command of a mixed run, every parent's remembered sum (asked before
        // the command and after it) must be what a plain sum over the tenants says.
        var s = Tree();
        s = QuotaBook.CreateTenant(s, new TenantNode("nn-xx-b", "b", "nn-xx", Cpu(1_000), Now), "op", Cloud.Capacity, QuotaLimits.Default, Now).State;
        var random = new Random(13);
        string[] leaves = ["nn-xx-dsj", "nn-xx-b"];
        for (int i = 0; i < 200; i++)
        {
            foreach (var t in s.Tenants.Values)
            {
                _ = s.Children.Allocated(t.TenantId);   // remembered now, so the next state carries it
            }

            string leaf = leaves[random.Next(leaves.Length)];
            var step = (i % 4) switch
            {
                0 or 1 => QuotaBook.Request(s, Ask(leaf, Cpu(random.Next(1, 400))), Cloud, Policy, QuotaLimits.Default, Now),
                2 => QuotaBook.UpdateTenant(s, leaf, i % 8 == 2 ? $"renamed {i}" : null, Cpu(random.Next(0, 3_000)), "op", "set", Cloud, Now),
                _ => s.Requests.Values.FirstOrDefault(r => r.IsPending) is { } pending
                    ? QuotaBook.Approve(s, pending.RequestId, null, "op", "ok", Cloud, QuotaLimits.Default, Now)
                    : QuotaBook.UpdateTenant(s, "nn-xx", null, Cpu(random.Next(6_000, 10_000)), "op", "set", Cloud, Now),
            };
            s = step.State;
            foreach (var t in s.Tenants.Values.Append(new TenantNode(string.Empty, "roots", string.Empty, ResourceVector.Zero, Now)))
            {
                Assert.That(s.Children.Allocated(t.TenantId), Is.EqualTo(TenantHierarchy.ChildrenAllocated(s.Tenants, t.TenantId)),
                    $"command {i} ({step.Result.Message}): the children of '{t.TenantId}'");
            }
        }

        Assert.That(s.Tenants["nn-xx-dsj"].Allocated, Is.Not.EqualTo(Cpu(4_000)), "the run changed allocations");
    }

    /// <summary>The retention rule, written plainly: order the decided requests by sequence, drop the oldest beyond the limit.</summary>
    private static ImmutableDictionary<string, QuotaRequestRecord> Retained(ImmutableDictionary<string, QuotaRequestRecord> requests, QuotaLimits limits)
    {
        if (requests.Count <= limits.RetainedRequests)
        {
            return requests;
        }

        var drop = requests.Values.Where(r => !r.IsPending).OrderBy(r => r.Sequence).Take(requests.Count - limits.RetainedRequests);
        return requests.RemoveRange(drop.Select(r => r.RequestId));
    }

    private static ResourceVector Cpu(long millicores) => new(millicores, 0, 0);

    private static QuotaAsk Ask(string tenant, ResourceVector amount, QuotaDirection direction = QuotaDirection.Increase) =>
        new(tenant, direction, amount, "why", Guid.NewGuid().ToString("N"), "tester");
}
