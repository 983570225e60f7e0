using CloudGov.ControlPlane.Security;
using CloudGov.Dashboard.Backend;

namespace CloudGov.Dashboard.Tests;

/// <summary>Every RPC the dashboard calls has its row in the host's one rule table (a method without one is denied to everyone).</summary>
[TestFixture]
public sealed class DashboardRpcRulesTests
{
    [Test]
    public void All_EveryDashboardRpc_HasAnAccessRule()
    {
        var missing = DashboardRpc.All.Where(m => RpcAccessRules.Find(m) is null).ToList();
        Assert.That(missing, Is.Empty, "dashboard RPCs without a row in RpcAccessRules");
    }

    [TestCase(nameof(DashboardRpc.RequestWaiver), CallerRole.Operator, true)]
    [TestCase(nameof(DashboardRpc.RequestWaiver), CallerRole.Auditor, false)]
    [TestCase(nameof(DashboardRpc.RequestWaiver), CallerRole.Tenant, true)]
    [TestCase(nameof(DashboardRpc.ApproveWaiver), CallerRole.Operator, true)]
    [TestCase(nameof(DashboardRpc.ApproveWaiver), CallerRole.Tenant, false)]
    [TestCase(nameof(DashboardRpc.RevokeWaiver), CallerRole.Tenant, false)]
    [TestCase(nameof(DashboardRpc.GetComplianceScores), CallerRole.Tenant, true)]
    public void Find_BaselineRpc_OffersWhatTheRoleMay(string method, CallerRole role, bool allowed)
    {
        string full = DashboardRpc.All.Single(m => m.EndsWith("/" + method, StringComparison.Ordinal));
        Assert.That(RpcAccessRules.Find(full)!.Allows(role), Is.EqualTo(allowed), $"{role} on {full}");
    }
}
