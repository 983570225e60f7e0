using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using static CloudGov.ControlPlane.Tests.Tenants.QuotaTrees;
using static CloudGov.ControlPlane.Tests.Tenants.TenantClusterFixture;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>A failed write leaves nothing behind; a retry with the same idempotency key returns the first answer.</summary>
public sealed class TenantQuotaGrainFaultTests
{

    [Test]
    public async Task Request_WritesFailWhileEightRace_AllFailNothingGrantedInMemoryOrStoredAndRetriesDecideAfresh()
    {
        string root = NewId("fault"), dept = NewId("fault-d");
        await CreateAsync(Node(root, "", Cpu(8_000)), Node(dept, root, ResourceVector.Zero));
        var asks = Enumerable.Range(0, 8).Select(_ => Increase(dept, Cpu(1_000))).ToList();

        QuotaStore.FailAppends = true;
        try
        {
            var attempts = asks.Select(a => Quota.RequestAsync(a, Cloud)).ToList();
            foreach (var attempt in attempts)
            {
                await Assert.ThrowsAsync<AuditUnavailableException>(async () => await attempt);
            }
        }
        finally
        {
            QuotaStore.FailAppends = false;
        }

        var tree = await Quota.GetTreeAsync();
        Assert.That(tree.Tenants.Single(t => t.TenantId == dept).Allocated, Is.EqualTo(ResourceVector.Zero), "nothing granted is visible");
        Assert.That(await Quota.ListRequestsAsync(dept, pendingOnly: false, 100), Is.Empty);
        var stored = await StoredAsync();
        Assert.That(stored.Tenants[dept].Allocated, Is.EqualTo(ResourceVector.Zero), "nothing granted is stored");
        Assert.That(stored.Requests.Values.Where(r => r.TenantId == dept), Is.Empty);

        // The next write must not carry a ghost of the failed ones: one more request grants exactly its own core.
        var one = await Quota.RequestAsync(Increase(dept, Cpu(1_000)), Cloud);
        Assert.That(one.Request!.State, Is.EqualTo(QuotaRequestState.Approved), one.Message);
        stored = await StoredAsync();
        Assert.That(stored.Tenants[dept].Allocated, Is.EqualTo(Cpu(1_000)));
        Assert.That(stored.Requests.Values.Count(r => r.TenantId == dept), Is.EqualTo(1));

        // Retrying the failed ones with their keys decides them now (their first attempt was never stored).
        var retries = await Task.WhenAll(asks.Select(a => Quota.RequestAsync(a, Cloud)));
        Assert.That(retries.Count(r => r.Request!.State == QuotaRequestState.Approved), Is.EqualTo(7), "7 cores left under the root");
        Assert.That((await StoredAsync()).Tenants[dept].Allocated, Is.EqualTo(Cpu(8_000)));
    }

    [Test]
    public async Task Approve_WriteFails_RequestStaysPendingAndAllocationUnchanged()
    {
        string root = NewId("fault"), dept = NewId("fault-d");
        await CreateAsync(Node(root, "", Cpu(100_000)), Node(dept, root, Cpu(1_000)));
        var pending = (await Quota.RequestAsync(Increase(dept, Cpu(50_000)), Cloud)).Request!;
        Assert.That(pending.IsPending, Is.True);

        QuotaStore.FailAppends = true;
        try
        {
            await Assert.ThrowsAsync<AuditUnavailableException>(async () => await Quota.ApproveAsync(pending.RequestId, null, "operator", "ok", Cloud));
        }
        finally
        {
            QuotaStore.FailAppends = false;
        }

        Assert.That((await Quota.GetRequestAsync(pending.RequestId))!.IsPending, Is.True);
        Assert.That((await Quota.GetTreeAsync()).Tenants.Single(t => t.TenantId == dept).Allocated, Is.EqualTo(Cpu(1_000)));
        var approved = await Quota.ApproveAsync(pending.RequestId, Cpu(20_000), "operator", "part of it", Cloud);
        Assert.That(approved.Request!.State, Is.EqualTo(QuotaRequestState.PartiallyApproved));
        Assert.That((await StoredAsync()).Tenants[dept].Allocated, Is.EqualTo(Cpu(21_000)));
        Assert.That((await StoredAsync()).Requests[pending.RequestId].State, Is.EqualTo(QuotaRequestState.PartiallyApproved));
    }

    [Test]
    public async Task Request_SameKeyRetriedConcurrentlyAndLater_OneRequestOneGrantEveryAnswerTheFirst()
    {
        string root = NewId("idem"), dept = NewId("idem-d");
        await CreateAsync(Node(root, "", Cpu(100_000)), Node(dept, root, ResourceVector.Zero));
        var ask = Increase(dept, Cpu(2_000), key: "retry-me-1");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Quota.RequestAsync(ask, Cloud)));

        Assert.That(answers.Select(a => a.Request!.RequestId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(answers.All(a => a.Request!.State == QuotaRequestState.Approved), Is.True);
        var stored = await StoredAsync();
        Assert.That(stored.Tenants[dept].Allocated, Is.EqualTo(Cpu(2_000)), "granted once");
        Assert.That(stored.IdempotencyKeys, Does.ContainKey(QuotaBook.KeyOf(dept, "retry-me-1")), "the key is stored with the request");

        var later = await Quota.RequestAsync(ask, Cloud);
        Assert.That(later.Request, Is.EqualTo(answers[0].Request));
        var conflicting = await Quota.RequestAsync(ask with { Amount = Cpu(3_000) }, Cloud);
        Assert.That(conflicting.Failure, Is.EqualTo(QuotaFailure.IdempotencyConflict));
        Assert.That(conflicting.Message, Does.Contain(answers[0].Request!.RequestId));
    }
}
