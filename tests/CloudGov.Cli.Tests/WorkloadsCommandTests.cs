using CloudGov.Proto.Operations.V1;
using Google.Protobuf;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cli.Tests;

/// <summary><c>workloads list|get|register|set-intent</c> and <c>place</c>: the ledger through the command line.</summary>
public sealed class WorkloadsCommandTests
{
    [Test]
    public async Task WorkloadsList_AllPagesJson_EveryRecordOfTheZoneOnce()
    {
        var cli = await CliHost.OperatorAsync();
        var direct = await CliHost.Operations.ListWorkloadsAsync(new ListWorkloadsRequest { ZoneId = CliHost.CityZone, PageSize = 1000 });

        var paged = await cli.RunAsync("workloads", "list", "--zone", CliHost.CityZone, "--page-size", "7", "--all", "-o", "json");
        var firstPage = await cli.RunAsync("workloads", "list", "--zone", CliHost.CityZone, "--page-size", "7");

        Assert.That(paged.ExitCode, Is.EqualTo(0), paged.ToString());
        var parsed = JsonParser.Default.Parse<ListWorkloadsResponse>(paged.Out);
        Assert.That(parsed.Workloads.Select(w => w.WorkloadId), Is.EqualTo(direct.Workloads.Select(w => w.WorkloadId)));
        Assert.That(parsed.Workloads, Has.Count.GreaterThan(7), "several pages followed");
        Assert.That(parsed.NextPageToken, Is.Empty);
        Assert.That(firstPage.Out, Does.Contain("7 record(s); more: --page-token "));
    }

    [Test]
    public async Task WorkloadsGet_SeededWorkload_TableShowsIntentStateAndHistory()
    {
        var cli = await CliHost.OperatorAsync();
        var record = (await CliHost.Operations.ListWorkloadsAsync(new ListWorkloadsRequest { ZoneId = CliHost.ProvinceZone, PageSize = 1 })).Workloads.Single();

        var result = await cli.RunAsync("workloads", "get", record.WorkloadId);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain(record.WorkloadId).And.Contain(record.Intent.TenantId).And.Contain(CliHost.ProvinceZone));
        Assert.That(result.Out, Does.Contain("OBSERVED IN").And.Contain("EVENT"));
        Assert.That(result.Out, Does.Contain(record.History[0].Kind), "the history's first event");
    }

    [Test]
    public async Task WorkloadsRegister_NewId_RecordedWithTheWholeIntentUnderTheCallersName()
    {
        var cli = await CliHost.OperatorAsync();
        string id = $"cli-reg-{Guid.NewGuid():N}"[..20];

        var dryRun = await cli.RunAsync("workloads", "register", id, "--tenant", CliHost.Department, "--system", "一网通办", "--cpu", "2", "--memory", "4Gi",
            "--storage", "50Gi", "--mlps", "3", "--plane", "egov-extranet", "--regions", "4501", "--reason", "登记", "--dry-run");
        var missing = await cli.RunAsync("workloads", "get", id);
        var registered = await cli.RunAsync("workloads", "register", id, "--tenant", CliHost.Department, "--system", "一网通办", "--cpu", "2", "--memory", "4Gi",
            "--storage", "50Gi", "--mlps", "3", "--plane", "egov-extranet", "--regions", "4501", "--reason", "登记", "-o", "json");

        Assert.That(dryRun.ExitCode, Is.EqualTo(0), dryRun.ToString());
        Assert.That(dryRun.Out, Does.Contain("dry run: would change 1 of 1"));
        Assert.That(missing.ExitCode, Is.EqualTo(15), "a dry run records nothing: " + missing);
        Assert.That(registered.ExitCode, Is.EqualTo(0), registered.ToString());
        var response = JsonParser.Default.Parse<SetWorkloadIntentResponse>(registered.Out);
        Assert.That(response.Changes.Single().Registers, Is.True);
        var record = (await CliHost.Operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = id })).Workload;
        Assert.That(record.Managed, Is.True);
        Assert.That(record.Intent.Requests, Is.EqualTo(new Common.ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 50 }));
        Assert.That(record.Intent.AllowedRegions, Is.EqualTo(new[] { "4501" }));
        Assert.That(record.Intent.NetworkPlane, Is.EqualTo(Common.NetworkPlane.EgovExtranet));
        Assert.That(record.History.Last().By, Is.EqualTo(CloudGov.Testing.Identity.TestTokens.OperatorSubject));
    }

    [Test]
    public async Task WorkloadsSetIntent_SelectorAndPatch_ChangesOnlyTheMatchedRecordsFields()
    {
        var cli = await CliHost.OperatorAsync();
        var target = (await CliHost.Operations.ListWorkloadsAsync(new ListWorkloadsRequest { ZoneId = CliHost.CityZone, PageSize = 3 })).Workloads[2];

        var result = await cli.RunAsync("workloads", "set-intent", "--id", target.WorkloadId, "--priority", "700", "--label", "owner=张三", "--reason", "重点保障");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("changed 1 of 1").And.Contain("priority").And.Contain("labels"));
        var after = (await CliHost.Operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = target.WorkloadId })).Workload;
        Assert.That(after.Intent.Priority, Is.EqualTo(700));
        Assert.That(after.Intent.Labels["owner"], Is.EqualTo("张三"));
        Assert.That(after.Intent.AllowedRegions, Is.EqualTo(target.Intent.AllowedRegions), "unset fields keep their value");
    }

    [Test]
    public async Task Place_DryRunThenForReal_ChosenZoneShownAndTheWorkloadRunsThere()
    {
        var cli = await CliHost.DepartmentAsync();
        string id = $"cli-place-{Guid.NewGuid():N}"[..22];
        string[] intent = ["--tenant", CliHost.Department, "--system", "一网通办", "--cpu", "500m", "--memory", "1Gi", "--storage", "10Gi", "--mlps", "3", "--plane", "egov-extranet", "--regions", "4501"];

        var dryRun = await cli.RunAsync(["place", id, .. intent, "--dry-run"]);
        var placed = await cli.RunAsync(["place", id, .. intent, "--allow", "tcp/443@10.0.0.0/8", "--allow", "icmp@10.0.0.0/8", "-o", "json"]);

        Assert.That(dryRun.ExitCode, Is.EqualTo(0), dryRun.ToString());
        Assert.That(dryRun.Out, Does.Contain($"dry run: {id} would go to {CliHost.CityZone}"));
        Assert.That(dryRun.Out, Does.Contain("REJECTED ZONE").And.Contain(CliHost.ProvinceZone).And.Contain("RESIDENCY"),
            "the province zone (450000) is outside 4501, with the filter's reason");
        Assert.That(placed.ExitCode, Is.EqualTo(0), placed.ToString());
        var response = JsonParser.Default.Parse<PlaceWorkloadResponse>(placed.Out);
        Assert.That((response.ZoneId, response.DryRun, response.CommandId.Length > 0), Is.EqualTo((CliHost.CityZone, false, true)));
        await Eventually.HoldsAsync(
            async () => (await CliHost.Operations.GetZoneAsync(new GetZoneRequest { ZoneId = CliHost.CityZone })).Workloads.Any(w => w.WorkloadId == id && w.State == "Running"),
            $"{id} to run in {CliHost.CityZone}");
        var record = (await CliHost.Operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = id })).Workload;
        Assert.That(record.Intent.AccessPolicy.Ingress.Select(r => (r.Protocol, r.PortFrom, r.PortTo, r.SourceCidr)), Is.EquivalentTo(new[]
        {
            (Common.AccessProtocol.Tcp, 443u, 443u, "10.0.0.0/8"), (Common.AccessProtocol.Icmp, 0u, 0u, "10.0.0.0/8"),
        }), "--allow became the workload's access policy");
        var shown = await (await CliHost.OperatorAsync()).RunAsync("workloads", "get", id);
        Assert.That(shown.Out, Does.Contain("tcp/443@10.0.0.0/8, icmp@10.0.0.0/8"));
    }

    [Test]
    public async Task WorkloadsView_BySystem_GroupsMatchTheApiView()
    {
        var cli = await CliHost.OperatorAsync();
        var direct = await CliHost.Operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.System });

        var table = await cli.RunAsync("workloads", "view", "--by", "system");
        var json = await cli.RunAsync("workloads", "view", "--by", "system", "-o", "json");

        Assert.That(table.ExitCode, Is.EqualTo(0), table.ToString());
        Assert.That(direct.Groups, Is.Not.Empty);
        Assert.That(direct.Groups.Where(g => g.Key.Length > 0).Select(g => g.Key), Has.All.Matches<string>(key => table.Out.Contains(key!, StringComparison.Ordinal)));
        Assert.That(table.Out, Does.Contain($"{direct.Groups.Count} group(s)."));
        Assert.That(JsonParser.Default.Parse<GetLedgerViewResponse>(json.Out).Groups.Select(g => (g.Key, g.WorkloadCount)), Is.EqualTo(direct.Groups.Select(g => (g.Key, g.WorkloadCount))));
    }
}
