using System.Diagnostics;
using System.Text.Json;
using CloudGov.Testing;
using CloudGov.Testing.Identity;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// Quota end to end from a client that is not ours (Node's @grpc/grpc-js, tests/clients/node) with real tokens against
/// a real host and agent: a tenant requests quota, an operator approves it, the tenant places a workload within it and
/// is refused beyond it with RESOURCE_EXHAUSTED / TENANT_QUOTA_EXCEEDED.
/// </summary>
public sealed class QuotaNodeClientTests
{
    private const string ZoneId = "gx-e2e-quota-node";
    private const string Department = "nn-dsj-e2e";

    private static string ClientDirectory
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudGov.sln")))
            {
                dir = dir.Parent;
            }

            return dir is null
                ? throw new AssertionException($"no CloudGov.sln above {TestContext.CurrentContext.TestDirectory}")
                : Path.Combine(dir.FullName, "tests", "clients", "node");
        }
    }

    [OneTimeSetUp]
    public void RequireNodeModules()
    {
        if (!Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@grpc", "grpc-js")))
        {
            Assert.Fail($"the Node client's packages are not installed: run `npm ci` in {ClientDirectory} (.ci/run does this before the tests)");
        }
    }

    [Test]
    public async Task NodeClient_TenantRequestsOperatorApprovesTenantPlaces_WithinPlacedBeyondResourceExhausted()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Zones:IndexPublishInterval"] = "00:00:00.200",
            ["Tenants:Seed:0:Id"] = "gx",
            ["Tenants:Seed:0:DisplayName"] = "广西壮族自治区",
            ["Tenants:Seed:0:CpuMillicores"] = "100000",
            ["Tenants:Seed:0:MemoryMiB"] = "409600",
            ["Tenants:Seed:0:StorageGiB"] = "10000",
            ["Tenants:Seed:1:Id"] = "nn",
            ["Tenants:Seed:1:DisplayName"] = "南宁市",
            ["Tenants:Seed:1:Parent"] = "gx",
            ["Tenants:Seed:1:CpuMillicores"] = "50000",
            ["Tenants:Seed:1:MemoryMiB"] = "204800",
            ["Tenants:Seed:1:StorageGiB"] = "5000",
            ["Tenants:Seed:2:Id"] = Department,
            ["Tenants:Seed:2:DisplayName"] = "南宁市大数据发展局",
            ["Tenants:Seed:2:Parent"] = "nn",
        });
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(controlPlane.AgentAddress, ZoneId, workloads: 0));
        string address = controlPlane.GrpcAddress.ToString();
        string tenant = TestTokens.Tenant(Department);
        await Eventually.HoldsAsync(
            async () => (await NodeAsync("operations-client.mjs", address, "ListZones", new { })).Response().GetProperty("zones").EnumerateArray()
                .Any(z => z.GetProperty("zone_id").GetString() == ZoneId && z.GetProperty("status").GetString() == "ZONE_STATUS_READY"),
            "the zone to be Ready");

        var asked = (await NodeAsync("quota-client.mjs", address, "RequestQuota", new
        {
            tenant_id = Department,
            direction = "QUOTA_DIRECTION_INCREASE",
            amount = new { cpu_millicores = 16000, memory_mib = 32768, storage_gib = 200 },
            justification = "一网通办二期扩容",
            idempotency_key = "e2e-2026-q4-1",
        }, tenant)).Response();
        Assert.That(asked.GetProperty("state").GetString(), Is.EqualTo("QUOTA_REQUEST_STATE_PENDING"), "16 cores is above the small-increase limit");
        Assert.That(asked.GetProperty("rule").GetString(), Is.EqualTo("manual-over-small-limit"));
        Assert.That(asked.GetProperty("requested_by").GetString(), Is.EqualTo($"tenant-admin@{Department}"), "the requester comes from the token");
        string requestId = asked.GetProperty("request_id").GetString()!;

        var tenantApproves = await NodeAsync("quota-client.mjs", address, "ApproveQuotaRequest", new { request_id = requestId }, tenant);
        Assert.That(tenantApproves.GetProperty("codeName").GetString(), Is.EqualTo("PERMISSION_DENIED"), "a tenant cannot approve its own request");

        var approved = (await NodeAsync("quota-client.mjs", address, "ApproveQuotaRequest", new { request_id = requestId, reason = "统筹审批通过" })).Response();
        Assert.That(approved.GetProperty("state").GetString(), Is.EqualTo("QUOTA_REQUEST_STATE_APPROVED"));
        Assert.That(approved.GetProperty("decided_by").GetString(), Is.EqualTo(TestTokens.OperatorSubject));

        var quota = (await NodeAsync("quota-client.mjs", address, "GetTenantQuota", new { tenant_id = "" }, tenant)).Response();
        Assert.That(quota.GetProperty("allocated").GetProperty("cpu_millicores").GetString(), Is.EqualTo("16000"));

        var within = await NodeAsync("operations-client.mjs", address, "PlaceWorkload", Workload("nn-dsj-e2e-01", 12000), tenant);
        Assert.That(within.GetProperty("ok").GetBoolean(), Is.True, within.ToString());
        Assert.That(within.Response().GetProperty("zone_id").GetString(), Is.EqualTo(ZoneId));

        var beyond = await NodeAsync("operations-client.mjs", address, "PlaceWorkload", Workload("nn-dsj-e2e-02", 8000), tenant);
        Assert.That(beyond.GetProperty("codeName").GetString(), Is.EqualTo("RESOURCE_EXHAUSTED"), beyond.ToString());
        Assert.That(beyond.GetProperty("details").GetString(), Does.StartWith($"TENANT_QUOTA_EXCEEDED at {Department}:"));

        var after = (await NodeAsync("quota-client.mjs", address, "GetTenantQuota", new { tenant_id = Department }, tenant)).Response();
        Assert.That(long.Parse(after.GetProperty("used").GetProperty("cpu_millicores").GetString()!) + long.Parse(after.GetProperty("reserved").GetProperty("cpu_millicores").GetString()!),
            Is.EqualTo(12000), "the placed workload counts; the refused one does not");

        var otherTenant = await NodeAsync("quota-client.mjs", address, "GetTenantQuota", new { tenant_id = "nn" }, tenant);
        Assert.That(otherTenant.GetProperty("codeName").GetString(), Is.EqualTo("PERMISSION_DENIED"), "the parent is outside the department's subtree");
    }

    private static object Workload(string id, long cpu) => new
    {
        workload_id = id,
        tenant_id = Department,
        system = "一网通办",
        requests = new { cpu_millicores = cpu, memory_mib = 8192, storage_gib = 50 },
        mlps_level = "MLPS_LEVEL_3",
        network_plane = "NETWORK_PLANE_EGOV_EXTRANET",
        allowed_regions = new[] { "4501" },
    };

    /// <summary>Runs a Node client script once and returns its JSON line; the token defaults to the test operator's.</summary>
    private static async Task<JsonElement> NodeAsync(string script, string address, string method, object request, string? token = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ClientDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(address);
        start.ArgumentList.Add(method);
        start.ArgumentList.Add(JsonSerializer.Serialize(request));
        start.Environment["CLOUDGOV_TOKEN"] = token ?? TestTokens.Operator;
        using var process = Process.Start(start) ?? throw new AssertionException("could not start `node` (Node.js 20 must be on PATH)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException($"node {script} {method} did not finish within 60 s");
        }

        string output = (await stdout).Trim();
        if (output.Length == 0)
        {
            throw new AssertionException($"node {script} {method} printed nothing (exit {process.ExitCode}): {await stderr}");
        }

        return JsonDocument.Parse(output.Split('\n')[^1]).RootElement.Clone();
    }
}
