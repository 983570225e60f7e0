using CloudGov.Agent.Providers;
using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Baseline.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Google.Protobuf;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cli.Tests;

/// <summary>
/// <c>rules</c>, <c>findings</c>, <c>waivers</c> and <c>compliance</c> against a real host of their own (a violated rule
/// makes its zone unfit) with a real agent whose zone stops encrypting storage at rest.
/// </summary>
public sealed class BaselineHostCommandTests
{
    private const string Zone = "gx-cli-baseline";

    private ControlPlaneProcess _host = null!;
    private AgentProcess _agent = null!;
    private BaselineService.BaselineServiceClient _baseline = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Baselines:Enabled"] = "true",
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:IndexPublishInterval"] = "00:00:00.100",
            ["Identity:RateLimit:Enabled"] = "false",
        });
        var zone = AgentProcess.ZoneSettings(_host.AgentAddress, Zone, workloads: 5);
        zone["Agent:Zone:DisplayName"] = "南宁市政务云（等保测试）";
        _agent = await AgentProcess.StartAsync(zone);
        _baseline = new BaselineService.BaselineServiceClient(_host.Channel);
        var operations = new OperationsService.OperationsServiceClient(_host.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest { Status = Common.ZoneStatus.Ready })).Zones.Any(z => z.WorkloadCount > 0),
            "the zone to report Ready with its workloads");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _agent.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Baseline_ZoneStopsEncrypting_FindingShownWaiverRequestedApprovedByAnotherPersonAndRevoked()
    {
        var zhang = await CliRun.LoggedInAsync(_host.GrpcAddress, TestTokens.Issue(CallerRole.Operator, "zhang"), "zhang");
        var auditor = await CliRun.LoggedInAsync(_host.GrpcAddress, TestTokens.Auditor("li@audit"), "auditor");
        ((SimulatedZoneProvider)_agent.Provider).Violate("encryption-at-rest");
        await Eventually.HoldsAsync(
            async () => (await _baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = Zone, RuleId = "encryption-at-rest", State = FindingState.Open })).Findings.Count == 1,
            "the zone's open encryption-at-rest finding");
        var finding = (await _baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = Zone, RuleId = "encryption-at-rest" })).Findings.Single();

        var rules = await zhang.RunAsync("rules", "list", "--mlps", "3", "-o", "json");
        var findings = await zhang.RunAsync("findings", "list", "--zone", Zone, "--state", "open");
        var shown = await zhang.RunAsync("findings", "get", finding.FindingId);
        var unfit = await zhang.RunAsync("compliance", "--zone", Zone, "--mlps", "3");
        var requested = await zhang.RunAsync("waivers", "request", "--rule", "encryption-at-rest", "--zone", Zone, "--reason", "国密改造下周完成", "--expires", "7d", "-o", "json");
        var waiver = JsonParser.Default.Parse<Waiver>(requested.Out);
        var own = await zhang.RunAsync("waivers", "approve", waiver.WaiverId, "--reason", "自己批");
        var approved = await auditor.RunAsync("waivers", "approve", waiver.WaiverId, "--reason", "风险可控");
        var listed = await auditor.RunAsync("waivers", "list", "--state", "approved");
        await Eventually.HoldsAsync(
            async () => (await _baseline.GetComplianceScoresAsync(new GetComplianceScoresRequest { ZoneId = Zone, MlpsLevel = Common.MlpsLevel._3 })).Zones.Single().Levels.Single().Fit,
            "the waived zone to be fit for level 3 again");
        var fit = await zhang.RunAsync("compliance", "--zone", Zone, "--mlps", "3");
        var revoked = await auditor.RunAsync("waivers", "revoke", waiver.WaiverId, "--reason", "改造延期");

        Assert.That(rules.ExitCode, Is.EqualTo(0), rules.ToString());
        Assert.That(JsonParser.Default.Parse<ListRulesResponse>(rules.Out).Rules.Select(r => r.RuleId),
            Is.EqualTo((await _baseline.ListRulesAsync(new ListRulesRequest { MlpsLevel = Common.MlpsLevel._3 })).Rules.Select(r => r.RuleId)).And.Contain("encryption-at-rest"));
        Assert.That(findings.ExitCode, Is.EqualTo(0), findings.ToString());
        Assert.That(findings.Out, Does.Contain(finding.FindingId).And.Contain("encryption-at-rest").And.Contain(Zone));
        Assert.That(shown.Out, Does.Contain("disabled"), "the evidence: what the zone reported");
        Assert.That(unfit.Out, Does.Contain("3: unfit").And.Contain("encryption-at-rest"));
        Assert.That(requested.ExitCode, Is.EqualTo(0), requested.ToString());
        Assert.That((waiver.State, waiver.RequestedBy), Is.EqualTo((WaiverState.Pending, "zhang")));
        Assert.That(waiver.ExpiresAt.ToDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow.AddDays(7)).Within(TimeSpan.FromMinutes(5)));
        Assert.That(own.ExitCode, Is.EqualTo(17).Or.EqualTo(19), "nobody approves their own waiver: " + own);
        Assert.That(approved.ExitCode, Is.EqualTo(0), approved.ToString());
        Assert.That(approved.Out, Does.Contain("approved").And.Contain("li@audit"));
        Assert.That(listed.Out, Does.Contain(waiver.WaiverId));
        Assert.That(fit.Out, Does.Contain("3: fit"));
        Assert.That(revoked.ExitCode, Is.EqualTo(0), revoked.ToString());
        Assert.That(revoked.Out, Does.Contain("revoked").And.Contain("li@audit"));
    }
}
