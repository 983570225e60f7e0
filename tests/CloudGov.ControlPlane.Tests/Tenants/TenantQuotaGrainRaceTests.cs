using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using static CloudGov.ControlPlane.Tests.Tenants.QuotaTrees;
using static CloudGov.ControlPlane.Tests.Tenants.TenantClusterFixture;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>Racing callers never over-grant: every decision is made on the grain's one working state.</summary>
public sealed class TenantQuotaGrainRaceTests
{
    [Test]
    public async Task Request_64ClientsRaceForTheLastTenCores_ExactlyTenAutoApprovedRestPendingParentNeverOverGiven()
    {
        string root = NewId("race"), city = NewId("race-city");
        await CreateAsync(Node(root, "", Cpu(100_000)), Node(city, root, Cpu(10_000)));
        var departments = Enumerable.Range(0, 64).Select(i => NewId($"d{i:D2}")).ToList();
        await CreateAsync([.. departments.Select(d => Node(d, city, ResourceVector.Zero))]);

        var answers = await Task.WhenAll(departments.Select(d => Quota.RequestAsync(Increase(d, Cpu(1_000)), Cloud)));

        Assert.That(answers.All(a => a.Succeeded), Is.True, string.Join("; ", answers.Where(a => !a.Succeeded).Select(a => a.Message)));
        var approved = answers.Where(a => a.Request!.State == QuotaRequestState.Approved).ToList();
        Assert.That(approved, Has.Count.EqualTo(10), "the city holds 10 cores: ten 1-core grants, not one more");
        Assert.That(approved.All(a => a.Request!.Rule == QuotaAutoApprovalPolicy.SmallIncrease), Is.True);
        Assert.That(answers.Where(a => a.Request!.IsPending).Select(a => a.Request!.Rule).Distinct(), Is.EqualTo(new[] { QuotaAutoApprovalPolicy.ParentShort }));
        var tree = (await Quota.GetTreeAsync()).Tenants.Where(t => t.ParentId == city).ToList();
        Assert.That(tree.Sum(t => t.Allocated.CpuMillicores), Is.EqualTo(10_000));

        // Operators racing to approve the 54 pending requests get nothing more out of the city.
        var pending = answers.Where(a => a.Request!.IsPending).Select(a => a.Request!.RequestId).ToList();
        var approvals = await Task.WhenAll(pending.Select(id => Quota.ApproveAsync(id, null, "operator", "ok", Cloud)));
        Assert.That(approvals.Select(a => a.Failure).Distinct(), Is.EqualTo(new[] { QuotaFailure.QuotaExceeded }));
        Assert.That(approvals.Select(a => a.ShortLevel).Distinct(), Is.EqualTo(new[] { city }), "the city is the level that is short");
        Assert.That(await ViolationsAsync(Cloud.Capacity), Is.Empty);
    }

    [Test]
    public async Task Approve_ConcurrentApprovalsAndCutsAtFourLevels_EveryInvariantHoldsAfterwards()
    {
        string province = NewId("prov"), city = NewId("city"), county = NewId("cnty");
        await CreateAsync(Node(province, "", Cpu(40_000)), Node(city, province, Cpu(20_000)), Node(county, city, Cpu(10_000)));
        var departments = Enumerable.Range(0, 8).Select(i => NewId($"dept{i}")).ToList();
        await CreateAsync([.. departments.Select(d => Node(d, county, Cpu(1_000)))]);

        // Pending requests at every level: each above the auto-approval limit, so an operator decides.
        var asks = new List<QuotaAsk> { Increase(city, Cpu(15_000)), Increase(county, Cpu(12_000)) };
        asks.AddRange(departments.Select(d => Increase(d, Cpu(9_000))));
        var filed = await Task.WhenAll(asks.Select(a => Quota.RequestAsync(a, Cloud)));
        Assert.That(filed.All(f => f.Succeeded && f.Request!.IsPending), Is.True, string.Join("; ", filed.Select(f => f.Message)));

        // Approvals at every level and cuts of the city and county, all at once.
        var calls = filed.Select(f => Quota.ApproveAsync(f.Request!.RequestId, null, "operator", "budget", Cloud)).ToList();
        calls.Add(Quota.UpdateTenantAsync(city, null, Cpu(12_000), "operator", "cut", Cloud));
        calls.Add(Quota.UpdateTenantAsync(county, null, Cpu(9_000), "operator", "cut", Cloud));
        var results = await Task.WhenAll(calls);

        Assert.That(results.Count(r => r.Succeeded), Is.GreaterThan(0), "some of the changes fit");
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Failure).Distinct(), Is.SubsetOf(new[] { QuotaFailure.QuotaExceeded, QuotaFailure.FailedPrecondition }));
        Assert.That(await ViolationsAsync(Cloud.Capacity), Is.Empty, "no level's children hold more than it");
        var stored = await StoredAsync();
        Assert.That(stored.Tenants[county].Allocated.CpuMillicores, Is.GreaterThanOrEqualTo(departments.Sum(d => stored.Tenants[d].Allocated.CpuMillicores)));
        Assert.That(stored.Tenants[city].Allocated.CpuMillicores, Is.GreaterThanOrEqualTo(stored.Tenants[county].Allocated.CpuMillicores));
        Assert.That(stored.Tenants[province].Allocated.CpuMillicores, Is.GreaterThanOrEqualTo(stored.Tenants[city].Allocated.CpuMillicores));
    }
}
