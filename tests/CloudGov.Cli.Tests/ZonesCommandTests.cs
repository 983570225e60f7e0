using CloudGov.Proto.Operations.V1;
using Google.Protobuf;

namespace CloudGov.Cli.Tests;

/// <summary><c>zones list|get</c> and <c>summary</c> against the shared host: tables people read, JSON and YAML scripts read.</summary>
public sealed class ZonesCommandTests
{
    [Test]
    public async Task ZonesList_Table_ChineseNamesUnmangledColumnsAlignedTimesInLocalZone()
    {
        var cli = await CliHost.OperatorAsync();

        var result = await cli.RunAsync("zones", "list");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain(CliHost.CityZoneName).And.Contain(CliHost.ProvinceZoneName), "display names exactly as the agents reported them");
        var table = DisplayWidth.FirstTable(result.Out);
        Assert.That(table, Has.Count.GreaterThanOrEqualTo(6), result.Out);
        Assert.That(table.Select(DisplayWidth.Of).Distinct(), Has.Exactly(1).Items,
            "every line of the table is as wide on a terminal as the others (wide characters count two columns):\n" + string.Join('\n', table));
        var cityRow = table.Single(l => l.Contains(CliHost.CityZone, StringComparison.Ordinal));
        Assert.That(cityRow, Does.Contain("city").And.Contain("450100").And.Contain("egov-extranet").And.Contain("ready"));
        Assert.That(cityRow, Does.Match(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00"), "the last report in local time (here UTC+8) with its offset");
    }

    [Test]
    public async Task ZonesList_Json_IsTheApiResponseWithProtoFieldNames()
    {
        var cli = await CliHost.OperatorAsync();

        var result = await cli.RunAsync("zones", "list", "-o", "json", "--region", "4501");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var parsed = JsonParser.Default.Parse<ListZonesResponse>(result.Out);
        var direct = await CliHost.Operations.ListZonesAsync(new ListZonesRequest { RegionPrefix = "4501" });
        Assert.That(parsed.Zones.Select(z => (z.ZoneId, z.DisplayName, z.RegionCode, z.Status)),
            Is.EqualTo(direct.Zones.Select(z => (z.ZoneId, z.DisplayName, z.RegionCode, z.Status))));
        Assert.That(parsed.Zones.Select(z => z.ZoneId), Is.EqualTo(new[] { CliHost.CityZone }), "the region filter reached the server");
        Assert.That(result.Out, Does.Contain("\"zone_id\"").And.Contain("\"workloads_by_ledger_state\"").And.Contain("\"ZONE_STATUS_READY\""),
            "proto field and enum names, every field");
        Assert.That(result.Out, Does.Contain(CliHost.CityZoneName), "Chinese as it is, not \\u escapes");
    }

    [Test]
    public async Task ZonesGet_Yaml_SameFieldsAsJson()
    {
        var cli = await CliHost.OperatorAsync();

        var yaml = await cli.RunAsync("zones", "get", CliHost.ProvinceZone, "-o", "yaml");
        var json = await cli.RunAsync("zones", "get", CliHost.ProvinceZone, "-o", "json");

        Assert.That(yaml.ExitCode, Is.EqualTo(0), yaml.ToString());
        var document = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, object>>(yaml.Out);
        var zone = (Dictionary<object, object>)document["zone"];
        Assert.That(zone["zone_id"], Is.EqualTo(CliHost.ProvinceZone));
        Assert.That(zone["display_name"], Is.EqualTo(CliHost.ProvinceZoneName));
        Assert.That(zone["administrative_level"], Is.EqualTo("ADMINISTRATIVE_LEVEL_PROVINCE"));
        var fromJson = JsonParser.Default.Parse<GetZoneResponse>(json.Out);
        Assert.That(((List<object>)document["workloads"]).Count, Is.EqualTo(fromJson.Workloads.Count).And.GreaterThan(0));
    }

    [Test]
    public async Task ZonesGet_Table_ShowsZoneAndItsWorkloads()
    {
        var cli = await CliHost.OperatorAsync();
        var direct = await CliHost.Operations.GetZoneAsync(new GetZoneRequest { ZoneId = CliHost.CityZone });

        var result = await cli.RunAsync("zones", "get", CliHost.CityZone);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain(CliHost.CityZoneName).And.Contain("agent connected"));
        Assert.That(direct.Workloads.Select(w => w.WorkloadId), Has.All.Matches<string>(id => result.Out.Contains(id!, StringComparison.Ordinal)), "every workload listed");
        Assert.That(result.Out, Does.Contain($"{direct.Workloads.Count} workload(s)"));
    }

    [Test]
    public async Task Summary_Table_TotalsByLevelAndRegion()
    {
        var cli = await CliHost.OperatorAsync();

        var result = await cli.RunAsync("summary");
        var json = await cli.RunAsync("summary", "-o", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("one cloud").And.Contain("level Province").And.Contain("level City").And.Contain("region 450100").And.Contain("region 450000"));
        var parsed = JsonParser.Default.Parse<GetOneCloudSummaryResponse>(json.Out);
        Assert.That(parsed.Total.ZoneCount, Is.EqualTo(2));
        Assert.That(parsed.ByRegion.Select(r => r.Key), Is.EquivalentTo(new[] { "450000", "450100" }));
    }
}
