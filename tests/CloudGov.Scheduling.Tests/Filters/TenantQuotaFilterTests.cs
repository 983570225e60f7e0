using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Quota;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class TenantQuotaFilterTests
{
    private static readonly DictionaryTenantQuotaView Quotas = new(new Dictionary<string, (ResourceVector, ResourceVector)>
    {
        ["dept-a"] = (new ResourceVector(10_000, 10_240, 100), new ResourceVector(8_000, 2_048, 10)),
    });

    [Test]
    public void Admits_UnlimitedView_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        Assert.That(new TenantQuotaFilter(UnlimitedTenantQuotaView.Instance).Admits(Build.Context(snapshot, Build.Workload("w", null, cpu: 999_999), "za")), Is.True);
    }

    [Test]
    public void Admits_WithinRemainingQuota_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        Assert.That(new TenantQuotaFilter(Quotas).Admits(Build.Context(snapshot, Build.Workload("w", null, cpu: 2_000), "za")), Is.True);
    }

    [Test]
    public void Admits_OverRemainingQuota_RejectedWithRemaining()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);
        var context = Build.Context(snapshot, Build.Workload("w", null, cpu: 3_000), "za");

        FilterAssert.Rejects(new TenantQuotaFilter(Quotas), context, ReasonCodes.TenantQuotaExceeded, mentionsZone: false);
        Assert.That(new TenantQuotaFilter(Quotas).Explain(context).English, Does.Contain("cpu=2000m"));
    }

    [Test]
    public void Admits_UnknownTenant_Rejected()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        Assert.That(new TenantQuotaFilter(Quotas).Admits(Build.Context(snapshot, Build.Workload("w", null, tenant: "dept-x"), "za")), Is.False);
    }

    [Test]
    public void Admits_MigrationOverQuota_EligibleBecauseTotalsDoNotChange()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        Assert.That(new TenantQuotaFilter(Quotas).Admits(Build.Context(snapshot, Build.Workload("w", null, cpu: 3_000), "za", migration: true)), Is.True);
    }
}
