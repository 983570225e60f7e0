using CloudGov.Proto.Audit.V1;
using CloudGov.Proto.Tenant.V1;
using Google.Protobuf;

namespace CloudGov.Cli.Tests;

/// <summary><c>tenants tree</c>, <c>quota request|list|get|approve|reject</c> and <c>audit list|verify</c>, each with the role that uses it.</summary>
public sealed class TenantsQuotaAuditCommandTests
{
    [Test]
    public async Task TenantsTree_Operator_DepartmentDrawnUnderItsProvinceWithChineseNames()
    {
        var cli = await CliHost.OperatorAsync();

        var result = await cli.RunAsync("tenants", "tree");
        var json = await cli.RunAsync("tenants", "tree", "-o", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var lines = result.Out.Split('\n');
        int root = Array.FindIndex(lines, l => l.Contains($"{CliHost.RootTenantName} ({CliHost.RootTenant})", StringComparison.Ordinal));
        int child = Array.FindIndex(lines, l => l.Contains($"{CliHost.DepartmentName} ({CliHost.Department})", StringComparison.Ordinal));
        Assert.That(root, Is.GreaterThanOrEqualTo(0), result.Out);
        Assert.That(child, Is.GreaterThan(root), result.Out);
        Assert.That(lines[child].IndexOf(CliHost.DepartmentName, StringComparison.Ordinal), Is.GreaterThan(lines[root].IndexOf(CliHost.RootTenantName, StringComparison.Ordinal)),
            "the department is indented under its parent");
        Assert.That(JsonParser.Default.Parse<ListTenantsResponse>(json.Out).Tenants.Single(t => t.TenantId == CliHost.Department).ParentId, Is.EqualTo(CliHost.RootTenant));
    }

    [Test]
    public async Task Quota_TenantRequestsOperatorApprovesAndRejects_StatesAndDecidersRecorded()
    {
        var department = await CliHost.DepartmentAsync();
        var operatorCli = await CliHost.OperatorAsync();
        string key = Guid.NewGuid().ToString("N");

        var asked = await department.RunAsync("quota", "request", CliHost.Department, "--cpu", "40", "--memory", "64Gi", "--justification", "一网通办二期扩容", "--idempotency-key", $"{key}-a", "-o", "json");
        var second = await department.RunAsync("quota", "request", CliHost.Department, "--cpu", "30", "--justification", "数据中台", "--idempotency-key", $"{key}-b", "-o", "json");
        var first = JsonParser.Default.Parse<QuotaRequest>(asked.Out);
        var other = JsonParser.Default.Parse<QuotaRequest>(second.Out);
        var pending = await operatorCli.RunAsync("quota", "list", "--pending");
        var approved = await operatorCli.RunAsync("quota", "approve", first.RequestId, "--cpu", "20", "--memory", "32Gi", "--reason", "先批一半");
        var rejected = await operatorCli.RunAsync("quota", "reject", other.RequestId, "--reason", "资源紧张", "-o", "json");
        var quota = await department.RunAsync("quota", "get");

        Assert.That(asked.ExitCode, Is.EqualTo(0), asked.ToString());
        Assert.That(first.State, Is.EqualTo(QuotaRequestState.Pending), "a large request waits for an operator");
        Assert.That(pending.Out, Does.Contain(first.RequestId).And.Contain(other.RequestId).And.Contain("pending"));
        Assert.That(approved.ExitCode, Is.EqualTo(0), approved.ToString());
        Assert.That(approved.Out, Does.Contain("partially-approved").And.Contain("cpu 20000m, memory 32768Mi").And.Contain(CloudGov.Testing.Identity.TestTokens.OperatorSubject));
        Assert.That(JsonParser.Default.Parse<QuotaRequest>(rejected.Out).State, Is.EqualTo(QuotaRequestState.Rejected));
        Assert.That(quota.ExitCode, Is.EqualTo(0), quota.ToString());
        Assert.That(quota.Out, Does.Contain($"{CliHost.DepartmentName} ({CliHost.Department})").And.Contain("cpu 40000m"), "20 cores allocated plus 20 granted");
    }

    [Test]
    public async Task QuotaApprove_TenantToken_PermissionDeniedExit17()
    {
        var department = await CliHost.DepartmentAsync();

        var result = await department.RunAsync("quota", "approve", "qr-000000000001", "--reason", "自己批");

        Assert.That(result.ExitCode, Is.EqualTo(17), result.ToString());
    }

    [Test]
    public async Task AuditListAndVerify_Auditor_DecisionsListedWithActorsAndChainIntact()
    {
        var operatorCli = await CliHost.OperatorAsync();
        var id = $"cli-audit-{Guid.NewGuid():N}"[..22];
        var register = await operatorCli.RunAsync("workloads", "register", id, "--tenant", CliHost.Department, "--cpu", "1", "--memory", "1Gi", "--mlps", "2", "--plane", "egov-extranet", "--reason", "审计测试");
        Assert.That(register.ExitCode, Is.EqualTo(0), register.ToString());
        var auditor = await CliHost.AuditorAsync();

        var list = await auditor.RunAsync("audit", "list", "--target", id, "--since", "1h");
        var json = await auditor.RunAsync("audit", "list", "--target", id, "-o", "json");
        var verify = await auditor.RunAsync("audit", "verify");
        var denied = await operatorCli.RunAsync("audit", "verify");

        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        Assert.That(list.Out, Does.Contain(id).And.Contain(CloudGov.Testing.Identity.TestTokens.OperatorSubject).And.Contain("审计测试"));
        var entries = JsonParser.Default.Parse<ListAuditEntriesResponse>(json.Out).Entries;
        Assert.That(entries, Is.Not.Empty);
        Assert.That(entries.Select(e => e.ActorSubject), Has.All.EqualTo(CloudGov.Testing.Identity.TestTokens.OperatorSubject));
        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.ToString());
        Assert.That(verify.Out, Does.Contain("intact").And.Contain("yes"));
        Assert.That(denied.ExitCode, Is.EqualTo(17), "only auditors read the trail: " + denied);
    }
}
