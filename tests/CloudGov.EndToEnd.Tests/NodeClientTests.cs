using System.Diagnostics;
using System.Text.Json;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// A gRPC client that is not ours: Node's @grpc/grpc-js with the repository's .proto files loaded by
/// @grpc/proto-loader (tests/clients/node/operations-client.mjs) against a real host and a real agent.
/// </summary>
public sealed class NodeClientTests
{
    private const string ZoneId = "gx-e2e-node-client";

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
        if (!Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@grpc", "grpc-js")) ||
            !Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@grpc", "proto-loader")))
        {
            Assert.Fail($"the Node client's packages are not installed: run `npm ci` in {ClientDirectory} (.ci/run does this before the tests)");
        }
    }

    [Test]
    public async Task NodeGrpcJsClient_ListPlaceGetAndBadRequest_SeesTheWorkloadRunningAndInvalidArgumentCode3()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Zones:IndexPublishInterval"] = "00:00:00.200",
        });
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(controlPlane.AgentAddress, ZoneId, workloads: 5));
        string address = controlPlane.GrpcAddress.ToString();
        await Eventually.HoldsAsync(
            async () => (await NodeAsync(address, "ListZones")).Response().GetProperty("zones").EnumerateArray()
                .Any(z => z.GetProperty("zone_id").GetString() == ZoneId && z.GetProperty("status").GetString() == "ZONE_STATUS_READY"),
            "the Node client to list the zone as Ready");

        var placed = await NodeAsync(address, "PlaceWorkload", new
        {
            workload_id = "nn-dsj-node-01",
            tenant_id = "nn-dsj",
            system = "一网通办",
            requests = new { cpu_millicores = 2000, memory_mib = 4096, storage_gib = 20 },
            mlps_level = "MLPS_LEVEL_3",
            network_plane = "NETWORK_PLANE_EGOV_EXTRANET",
            allowed_regions = new[] { "4501" },
        });

        var response = placed.Response();
        Assert.That(response.GetProperty("zone_id").GetString(), Is.EqualTo(ZoneId));
        Assert.That(response.GetProperty("dry_run").GetBoolean(), Is.False);
        Assert.That(response.GetProperty("command_id").GetString(), Does.StartWith("place-"));
        Assert.That(response.GetProperty("candidates")[0].GetProperty("zone_id").GetString(), Is.EqualTo(ZoneId));
        await Eventually.HoldsAsync(
            async () => (await NodeAsync(address, "GetZone", new { zone_id = ZoneId })).Response().GetProperty("workloads").EnumerateArray()
                .Any(w => w.GetProperty("workload_id").GetString() == "nn-dsj-node-01" && w.GetProperty("state").GetString() == "Running"),
            "the Node client to see the placed workload Running in the zone");

        // With tokens: the owning tenant sees its workload, another tenant gets NOT_FOUND (never the data), no token UNAUTHENTICATED.
        var own = await NodeAsync(address, "GetWorkload", new { workload_id = "nn-dsj-node-01" }, CloudGov.Testing.Identity.TestTokens.Tenant("nn-dsj"));
        var foreign = await NodeAsync(address, "GetWorkload", new { workload_id = "nn-dsj-node-01" }, CloudGov.Testing.Identity.TestTokens.Tenant("lz-gaj"));
        var anonymous = await NodeAsync(address, "ListWorkloads", token: "");
        Assert.That(own.Response().GetProperty("workload").GetProperty("intent").GetProperty("tenant_id").GetString(), Is.EqualTo("nn-dsj"));
        Assert.That((foreign.GetProperty("ok").GetBoolean(), foreign.GetProperty("code").GetInt32()), Is.EqualTo((false, 5)));
        Assert.That(foreign.GetRawText(), Does.Not.Contain("一网通办"));
        Assert.That((anonymous.GetProperty("code").GetInt32(), anonymous.GetProperty("codeName").GetString()), Is.EqualTo((16, "UNAUTHENTICATED")));

        var bad = await NodeAsync(address, "PlaceWorkload", new
        {
            workload_id = "",
            tenant_id = "nn-dsj",
            requests = new { cpu_millicores = 2000, memory_mib = 4096 },
            mlps_level = "MLPS_LEVEL_3",
            network_plane = "NETWORK_PLANE_EGOV_EXTRANET",
        });

        Assert.That(bad.GetProperty("ok").GetBoolean(), Is.False);
        Assert.That(bad.GetProperty("code").GetInt32(), Is.EqualTo(3));
        Assert.That(bad.GetProperty("codeName").GetString(), Is.EqualTo("INVALID_ARGUMENT"));
        Assert.That(bad.GetProperty("details").GetString(), Does.Contain("workload_id"));
    }

    /// <summary>Runs the Node client once and returns its JSON line; fails with its output when it does not complete.</summary>
    /// <param name="token">The bearer token the client sends (CLOUDGOV_TOKEN); default the test operator's, "" for none.</param>
    private static async Task<JsonElement> NodeAsync(string address, string method, object? request = null, string? token = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ClientDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("operations-client.mjs");
        start.ArgumentList.Add(address);
        start.ArgumentList.Add(method);
        start.ArgumentList.Add(JsonSerializer.Serialize(request ?? new { }));
        start.Environment["CLOUDGOV_TOKEN"] = token ?? CloudGov.Testing.Identity.TestTokens.Operator;
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
            throw new AssertionException($"node operations-client.mjs {method} did not finish within 60 s");
        }

        string output = await stdout, errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new AssertionException($"node operations-client.mjs {method} exited with {process.ExitCode}: {output}{errors}");
        }

        return JsonDocument.Parse(output).RootElement.Clone();
    }
}

/// <summary>Reads the Node client's JSON outcome.</summary>
internal static class NodeOutcome
{
    /// <summary>The response of a call that succeeded; fails with the status of one that did not.</summary>
    public static JsonElement Response(this JsonElement outcome) =>
        outcome.GetProperty("ok").GetBoolean()
            ? outcome.GetProperty("response")
            : throw new AssertionException($"the call failed: {outcome.GetProperty("codeName").GetString()} {outcome.GetProperty("details").GetString()}");
}
