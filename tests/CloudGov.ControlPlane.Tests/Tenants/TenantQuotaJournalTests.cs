using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Persistence.Audit;
using Orleans.Core.Internal;
using static CloudGov.ControlPlane.Tests.Tenants.QuotaTrees;
using static CloudGov.ControlPlane.Tests.Tenants.TenantClusterFixture;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>
/// The quota journal: a decision and its audit entries are stored in one transaction (both or neither), refusals are
/// recorded too, and what is stored in rows is what a new activation reads back — idempotency keys included.
/// </summary>
public sealed class TenantQuotaJournalTests
{
    private static readonly AuditActor Dave = new("dave@dept", "tenant", "dept");

    [Test]
    public async Task Request_WithAuditDraft_DecisionAndItsTwoEntriesStoredTogetherAndTheChainVerifies()
    {
        string root = NewId("jrnl"), dept = NewId("jrnl-d");
        await CreateAsync(Node(root, "", Cpu(8_000)), Node(dept, root, ResourceVector.Zero));

        var granted = await Quota.RequestAsync(Increase(dept, Cpu(1_000)), Cloud, Draft(AuditAction.QuotaRequested, dept, "日常扩容"));
        var refused = await Quota.ApproveAsync("qr-999999999999", null, "alice@ops", "ok", Cloud, Draft(AuditAction.QuotaApproved, "qr-999999999999", "统筹审批"));

        var entries = await EntriesAboutAsync(dept);
        var refusal = await EntriesAboutAsync("qr-999999999999");
        Assert.Multiple(() =>
        {
            Assert.That(granted.Request!.State, Is.EqualTo(QuotaRequestState.Approved));
            Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { "quota_requested", "decision_applied" }));
            Assert.That(entries[1].Sequence, Is.EqualTo(entries[0].Sequence + 1), "the outcome follows its decision in the same commit");
            Assert.That(entries[1].Detail["refers_to"], Is.EqualTo(entries[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That((entries[1].Detail["state"], entries[1].Detail["request_id"]), Is.EqualTo(("Approved", granted.Request.RequestId)));
            Assert.That(entries[0].Actor, Is.EqualTo(Dave));
            Assert.That(entries[0].Reason, Is.EqualTo("日常扩容"));
            Assert.That(refused.Failure, Is.EqualTo(QuotaFailure.NotFound));
            Assert.That(refusal.Select(e => e.Action), Is.EqualTo(new[] { "quota_approved", "decision_not_applied" }), "a refusal is recorded with why");
            Assert.That(refusal[1].Reason, Does.StartWith("NotFound: "));
        });
        var verification = await AuditChainVerifier.VerifyAsync(QuotaStore, FakeClockCluster.AuditChain, CancellationToken.None);
        Assert.That(verification.Intact, Is.True, verification.Message);
    }

    [Test]
    public async Task Request_CommitFailsWithAuditDraft_NeitherTheDecisionNorItsEntriesStored()
    {
        string root = NewId("jrnl"), dept = NewId("jrnl-d");
        await CreateAsync(Node(root, "", Cpu(8_000)), Node(dept, root, ResourceVector.Zero));
        var head = await QuotaStore.ReadHeadAsync(FakeClockCluster.AuditChain, CancellationToken.None);

        QuotaStore.FailAppends = true;
        try
        {
            await Assert.ThrowsAsync<AuditUnavailableException>(async () =>
                await Quota.RequestAsync(Increase(dept, Cpu(1_000)), Cloud, Draft(AuditAction.QuotaRequested, dept, "日常扩容")));
        }
        finally
        {
            QuotaStore.FailAppends = false;
        }

        var stored = await StoredAsync();
        Assert.Multiple(async () =>
        {
            Assert.That((await QuotaStore.ReadHeadAsync(FakeClockCluster.AuditChain, CancellationToken.None))?.Sequence, Is.EqualTo(head?.Sequence), "no entry");
            Assert.That(stored.Tenants[dept].Allocated, Is.EqualTo(ResourceVector.Zero), "no grant stored");
            Assert.That(stored.Requests.Values.Where(r => r.TenantId == dept), Is.Empty, "no request stored");
            Assert.That((await Quota.GetTreeAsync()).Tenants.Single(t => t.TenantId == dept).Allocated, Is.EqualTo(ResourceVector.Zero), "none in memory");
        });
    }

    [Test]
    public async Task Request_GrainReactivated_StateAndIdempotencyKeysReadBackFromTheRows()
    {
        string root = NewId("jrnl"), dept = NewId("jrnl-d");
        await CreateAsync(Node(root, "", Cpu(100_000)), Node(dept, root, ResourceVector.Zero));
        var first = (await Quota.RequestAsync(Increase(dept, Cpu(2_000), key: "restart-1"), Cloud)).Request!;
        var pending = (await Quota.RequestAsync(Increase(dept, Cpu(50_000), key: "restart-2"), Cloud)).Request!;

        await Quota.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var retry = await Quota.RequestAsync(Increase(dept, Cpu(2_000), key: "restart-1"), Cloud);

        Assert.Multiple(async () =>
        {
            Assert.That(retry.Request, Is.EqualTo(first), "the first answer, from the stored rows");
            Assert.That(await Quota.GetRequestAsync(pending.RequestId), Is.EqualTo(pending));
            Assert.That((await Quota.GetTreeAsync()).Tenants.Single(t => t.TenantId == dept).Allocated, Is.EqualTo(Cpu(2_000)), "granted once");
            var next = (await Quota.RequestAsync(Increase(dept, Cpu(1_000)), Cloud)).Request!;
            Assert.That(next.Sequence, Is.GreaterThan(pending.Sequence), "request ids are never reused after a restart");
        });
    }

    private static AuditEntryDraft Draft(AuditAction action, string target, string reason) => AuditEntryDraft.Of(Dave, action, reason, [target]);

    private static async Task<List<AuditEntry>> EntriesAboutAsync(string target) =>
        [.. await QuotaStore.QueryAsync(FakeClockCluster.AuditChain, new AuditQuery(null, null, null, null, target, 0, 100), CancellationToken.None)];
}
