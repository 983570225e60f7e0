using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using static CloudGov.ControlPlane.Tests.Tenants.QuotaTrees;
using static CloudGov.ControlPlane.Tests.Tenants.TenantClusterFixture;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>
/// Back-pressure refusals (the tenant's pending limit) change nothing and are not journaled: the caller hears
/// RESOURCE_EXHAUSTED without a write, but never on a premise a failed write takes back.
/// </summary>
public sealed class TenantQuotaBackPressureTests
{
    private const int PendingLimit = 100;   // TenantClusterFixture's Quota:MaxPendingPerTenant
    private static readonly AuditActor Erin = new("erin@dept", "tenant", "dept");

    [Test]
    public async Task Request_PendingLimitReachedWithAuditDraft_RefusedWithoutAnEntryAndNothingChanged()
    {
        string root = NewId("bp"), dept = NewId("bp-d");
        await CreateAsync(Node(root, "", Cpu(1_000)), Node(dept, root, ResourceVector.Zero));
        await FillPendingAsync(dept, PendingLimit);
        var head = await QuotaStore.ReadHeadAsync(FakeClockCluster.AuditChain, CancellationToken.None);

        var refused = await Quota.RequestAsync(Increase(dept, Cpu(2_000)), Cloud, Draft(dept));

        var stored = await StoredAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(refused.Failure, Is.EqualTo(QuotaFailure.LimitReached));
            Assert.That(refused.Message, Does.Contain($"{PendingLimit} pending requests"));
            Assert.That((await QuotaStore.ReadHeadAsync(FakeClockCluster.AuditChain, CancellationToken.None))?.Sequence, Is.EqualTo(head?.Sequence),
                "no audit entry for a refusal that only says too much is waiting");
            Assert.That(stored.Requests.Values.Count(r => r.TenantId == dept && r.IsPending), Is.EqualTo(PendingLimit), "nothing filed");
        });
    }

    [Test]
    public async Task Request_PendingLimitReachedOnRequestsWhoseWriteFails_FailsWithTheWriteNeverARefusalOnRolledBackState()
    {
        string root = NewId("bp"), dept = NewId("bp-d");
        await CreateAsync(Node(root, "", Cpu(1_000)), Node(dept, root, ResourceVector.Zero));
        await FillPendingAsync(dept, PendingLimit - 1);

        QuotaStore.FailAppends = true;
        Task<QuotaResult> last, beyond;
        try
        {
            // The last pending slot and one beyond it, decided before either is stored; the write holding the slot fails.
            last = Quota.RequestAsync(Increase(dept, Cpu(2_000)), Cloud);
            beyond = Quota.RequestAsync(Increase(dept, Cpu(2_000)), Cloud, Draft(dept));
            await Assert.ThrowsAsync<AuditUnavailableException>(async () => await last);

            // Not LimitReached: the refusal's premise (the last slot taken) was never stored.
            await Assert.ThrowsAsync<AuditUnavailableException>(async () => await beyond);
        }
        finally
        {
            QuotaStore.FailAppends = false;
        }

        var retried = await Quota.RequestAsync(Increase(dept, Cpu(2_000)), Cloud, Draft(dept));
        Assert.That(retried.Request?.IsPending, Is.True, "the slot is free again: the retry is filed");
    }

    private static async Task FillPendingAsync(string dept, int count)
    {
        // Each asks for more than the parent holds: filed pending (manual-parent-short). Concurrent, so they share commits.
        var filed = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Quota.RequestAsync(Increase(dept, Cpu(2_000)), Cloud)));
        Assert.That(filed.Select(r => r.Request?.IsPending), Has.All.True);
    }

    private static AuditEntryDraft Draft(string target) => AuditEntryDraft.Of(Erin, AuditAction.QuotaRequested, "再要两核", [target]);
}
