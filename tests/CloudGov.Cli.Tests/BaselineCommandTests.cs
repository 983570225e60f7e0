using CloudGov.Proto.Baseline.V1;
using CloudGov.Testing.Identity;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cli.Tests;

/// <summary>
/// <c>rules</c>, <c>findings</c>, <c>waivers</c> and <c>compliance</c> over real gRPC against a BaselineService stand-in
/// (the control plane does not serve BaselineService yet): what each option puts in the request, what the table and the
/// JSON show of the answer, and the exit code of a refusal.
/// </summary>
public sealed class BaselineCommandTests
{
    private static readonly Timestamp Seen = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));

    private BaselineServiceStandIn _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _service = await BaselineServiceStandIn.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _service.DisposeAsync();

    [Test]
    public async Task RulesList_Filters_SentAsEnumsAndTableShowsEveryRule()
    {
        var cli = await LoggedInAsync();
        _service.Recorder.Answers[typeof(ListRulesRequest)] = new ListRulesResponse
        {
            Rules =
            {
                new Rule
                {
                    RuleId = "mlps-zone-level", Title = "云平台等级不低于所承载系统", Source = RuleSource.Mlps, SourceReference = "GB/T 22239-2019 8.2.2.1",
                    Subject = RuleSubject.WorkloadInZone, MlpsLevels = { Common.MlpsLevel._2, Common.MlpsLevel._3 }, Severity = Severity.Critical, Mode = RuleMode.Enforce,
                },
            },
        };

        var result = await cli.RunAsync("rules", "list", "--source", "mlps", "--mlps", "3", "--mode", "enforce");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var request = Last<ListRulesRequest>();
        Assert.That((request.Source, request.MlpsLevel, request.Mode), Is.EqualTo((RuleSource.Mlps, Common.MlpsLevel._3, RuleMode.Enforce)));
        Assert.That(result.Out, Does.Contain("mlps-zone-level").And.Contain("云平台等级不低于所承载系统").And.Contain("GB/T 22239-2019 8.2.2.1").And.Contain("2,3").And.Contain("critical"));
        Assert.That(DisplayWidth.FirstTable(result.Out).Select(DisplayWidth.Of).Distinct(), Has.Exactly(1).Items);
    }

    [Test]
    public async Task FindingsListAndGet_AllPages_EveryFindingOnceAndEvidenceShown()
    {
        var cli = await LoggedInAsync();
        var first = Finding("f-0000000000000001", "gx-baise-k8s");
        var second = Finding("f-0000000000000002", "gx-yulin-inspur");
        _service.Recorder.Answers[typeof(ListFindingsRequest)] = new ListFindingsResponse { Findings = { first }, NextPageToken = "p2" };

        var page = await cli.RunAsync("findings", "list", "--zone", "gx-baise-k8s", "--min-severity", "high", "--state", "open", "--page-size", "1");
        _service.Recorder.Answers[typeof(ListFindingsRequest)] = new ListFindingsResponse { Findings = { second } };
        var nextPage = await cli.RunAsync("findings", "list", "--page-token", "p2", "-o", "json");
        _service.Recorder.Answers[typeof(GetFindingRequest)] = first;
        var get = await cli.RunAsync("findings", "get", first.FindingId);

        Assert.That(page.ExitCode, Is.EqualTo(0), page.ToString());
        Assert.That(page.Out, Does.Contain("f-0000000000000001").And.Contain("1 finding(s); more: --page-token p2").And.Contain("2026-12-01 10:30:00 +08:00"));
        Assert.That(JsonParser.Default.Parse<ListFindingsResponse>(nextPage.Out), Is.EqualTo(new ListFindingsResponse { Findings = { second } }), "JSON is the API's answer");
        Assert.That(Last<ListFindingsRequest>().PageToken, Is.EqualTo("p2"));
        Assert.That(get.Out, Does.Contain("log.retention_days").And.Contain("30").And.Contain("≥ 180"));
        Assert.That(Last<GetFindingRequest>().FindingId, Is.EqualTo(first.FindingId));
    }

    [Test]
    public async Task Waivers_RequestApproveRevokeList_RequestsCarryTheOptionsAndStatesShown()
    {
        var cli = await LoggedInAsync();
        var waiver = new Waiver { WaiverId = "w-000000000001", RuleId = "mlps-zone-log-retention", ZoneId = "gx-baise-k8s", Reason = "日志平台迁移中", State = WaiverState.Pending, RequestedBy = "test-operator", ExpiresAt = Seen };
        _service.Recorder.Answers[typeof(RequestWaiverRequest)] = waiver;
        var before = DateTimeOffset.UtcNow;

        var requested = await cli.RunAsync("waivers", "request", "--rule", "mlps-zone-log-retention", "--zone", "gx-baise-k8s", "--reason", "日志平台迁移中", "--expires", "30d", "--idempotency-key", "k-1");
        _service.Recorder.Answers[typeof(ApproveWaiverRequest)] = new Waiver(waiver) { State = WaiverState.Approved, ApprovedBy = "zhang" };
        var approved = await cli.RunAsync("waivers", "approve", waiver.WaiverId, "--reason", "已评估风险");
        _service.Recorder.Answers[typeof(RevokeWaiverRequest)] = new Waiver(waiver) { State = WaiverState.Revoked, RevokedBy = "li" };
        var revoked = await cli.RunAsync("waivers", "revoke", waiver.WaiverId, "--reason", "整改完成", "-o", "yaml");
        _service.Recorder.Answers[typeof(ListWaiversRequest)] = new ListWaiversResponse { Waivers = { waiver } };
        var list = await cli.RunAsync("waivers", "list", "--state", "pending");

        Assert.That(requested.ExitCode, Is.EqualTo(0), requested.ToString());
        var sent = Last<RequestWaiverRequest>();
        Assert.That((sent.RuleId, sent.ZoneId, sent.WorkloadId, sent.Reason, sent.IdempotencyKey), Is.EqualTo(("mlps-zone-log-retention", "gx-baise-k8s", "", "日志平台迁移中", "k-1")));
        Assert.That(sent.ExpiresAt.ToDateTimeOffset(), Is.EqualTo(before.AddDays(30)).Within(TimeSpan.FromMinutes(1)), "--expires 30d is 30 days from now");
        Assert.That(approved.Out, Does.Contain("approved").And.Contain("zhang"));
        Assert.That(Last<ApproveWaiverRequest>().Reason, Is.EqualTo("已评估风险"));
        Assert.That(revoked.Out, Does.Contain("state: WAIVER_STATE_REVOKED").And.Contain("revoked_by: li"));
        Assert.That(list.Out, Does.Contain("w-000000000001").And.Contain("pending"));
        Assert.That(Last<ListWaiversRequest>().State, Is.EqualTo(WaiverState.Pending));
    }

    [Test]
    public async Task Compliance_Scores_PerLevelZoneAndTenant()
    {
        var cli = await LoggedInAsync();
        _service.Recorder.Answers[typeof(GetComplianceScoresRequest)] = new GetComplianceScoresResponse
        {
            Levels = { new LevelScore { MlpsLevel = Common.MlpsLevel._3, Zones = 4, FitZones = 3, Score = 75 } },
            Zones =
            {
                new ZoneCompliance
                {
                    ZoneId = "gx-baise-k8s", CertifiedLevel = Common.MlpsLevel._3, Quarantined = true, QuarantineRuleId = "cis-k8s-anonymous-auth",
                    Levels = { new LevelCompliance { MlpsLevel = Common.MlpsLevel._3, Fit = false, Score = 80, BlockingRules = { "mlps-zone-log-retention" } } },
                },
            },
            Tenants = { new TenantCompliance { TenantId = "nn-rsj", Workloads = 10, CompliantWorkloads = 9, Score = 90, OpenFindings = 1 } },
        };

        var result = await cli.RunAsync("compliance", "--mlps", "3");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Last<GetComplianceScoresRequest>().MlpsLevel, Is.EqualTo(Common.MlpsLevel._3));
        Assert.That(result.Out, Does.Contain("75").And.Contain("3: unfit 80 — mlps-zone-log-retention").And.Contain("yes (cis-k8s-anonymous-auth)").And.Contain("nn-rsj"));
    }

    [Test]
    public async Task WaiversApprove_OwnRequest_FailedPreconditionExit19WithServerMessage()
    {
        var cli = await LoggedInAsync();
        _service.Recorder.Answers[typeof(ApproveWaiverRequest)] = new Status(StatusCode.FailedPrecondition, "waiver w-000000000009 was requested by test-operator; another operator or auditor must approve it");

        var result = await cli.RunAsync("waivers", "approve", "w-000000000009");

        Assert.That(result.ExitCode, Is.EqualTo(19), result.ToString());
        Assert.That(result.Error, Does.Contain("another operator or auditor must approve it").And.Contain("FAILED_PRECONDITION"));
    }

    private Task<CliRun> LoggedInAsync()
    {
        var cli = new CliRun();
        cli.Environment["CLOUDGOV_TOKEN"] = TestTokens.Operator;
        cli.Environment["CLOUDGOV_CONFIG"] = cli.WriteFile("config.yaml", $"current-context: s\ncontexts:\n- name: s\n  server: {_service.Address}\n  token-env: UNUSED\n");
        return Task.FromResult(cli);
    }

    private T Last<T>()
        where T : IMessage => _service.Recorder.Requests.OfType<T>().Last();

    private static Finding Finding(string id, string zone) => new()
    {
        FindingId = id, RuleId = "mlps-zone-log-retention", ZoneId = zone, Severity = Severity.High, State = FindingState.Open, FirstSeen = Seen, LastSeen = Seen,
        Enforced = true, Occurrences = 1, Message = "审计日志保存不足 180 天",
        Evidence = { new EvidenceFact { Key = "log.retention_days", Observed = "30", Expected = "≥ 180" } },
    };
}
