using System.Text.RegularExpressions;
using CloudGov.ControlPlane.Security;
using CloudGov.Dashboard.Backend;
using CloudGov.Demo;
using CloudGov.Proto.Baseline.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;
using static Microsoft.Playwright.Assertions;

namespace CloudGov.Dashboard.Tests;

/// <summary>
/// The dashboard's security views in Debian's chromium against the demo's zones with the security baseline on (the
/// simulated agents report a full, compliant posture; each test makes its own zone violate its own rule): findings
/// arriving live, a waiver requested by one operator and approved by another, compliance scores, what auditors and
/// tenants are offered and what the server refuses them.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SecurityBrowserTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private DemoDashboard _demo = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Assume.That(File.Exists(DemoDashboard.Chromium), Is.True, $"Debian's chromium at {DemoDashboard.Chromium} (apt-get install -y chromium)");
        _demo = await DemoDashboard.StartAsync(new Dictionary<string, string?> { ["Baselines:Enabled"] = "true" });
        SetDefaultExpectTimeout((float)Bound.TotalMilliseconds);
    }

    [TearDown]
    public async Task KeepEvidenceAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _demo?.LastPage is { IsClosed: false } page)
        {
            await DemoDashboard.ScreenshotAsync(page, $"failed-{TestContext.CurrentContext.Test.MethodName}");
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }
    }

    [Test]
    public async Task Security_ZoneMadeToViolateARule_FindingArrivesLiveAndAWaiverRequestedAndApprovedShowsItWaived()
    {
        const string zone = "gx-beihai-hcs", rule = "encryption-at-rest";
        var baseline = new BaselineService.BaselineServiceClient(_demo.Host.Channel);
        var page = await _demo.SignInAsync(TestTokens.Operator);
        await page.GetByTestId("nav-security").ClickAsync();
        await Expect(page.Locator($"[data-testid=zone-score][data-zone='{zone}'] [data-testid=zone-level][data-level='3']")).ToHaveAttributeAsync("data-fit", "true");
        await page.GetByTestId("findings-zone").SelectOptionAsync(zone);
        await page.GetByTestId("findings-rule").SelectOptionAsync(rule);
        var finding = page.Locator($"[data-testid=finding][data-zone='{zone}'][data-rule='{rule}']");
        await Expect(finding).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => window.__sameDocument = true");
        string? waiverId = null;
        try
        {
            _demo.Provider(zone).Violate(rule);

            // Live: the zone's next report opens the finding and the baseline's signal re-renders the page.
            await Expect(finding).ToHaveAttributeAsync("data-enforced", "true");
            await Expect(finding).ToHaveAttributeAsync("data-state", "Open");
            await Expect(finding).ToContainTextAsync("storage.encryption_at_rest");
            await Expect(page.Locator($"[data-testid=zone-score][data-zone='{zone}'] [data-testid=zone-level][data-level='3']")).ToHaveAttributeAsync("data-fit", "false");

            await finding.GetByTestId("waiver-request-reason").FillAsync("加密改造排期中 / encryption rollout scheduled");
            await finding.GetByTestId("waiver-request-days").FillAsync("14");
            await finding.GetByTestId("request-waiver").ClickAsync();
            await Expect(page.GetByTestId("action-result")).ToContainTextAsync(new Regex("w-\\d{12}"));
            var waiverRow = page.Locator($"[data-testid=waiver][data-rule='{rule}'][data-zone='{zone}'][data-state=Pending]");
            await Expect(waiverRow).ToHaveCountAsync(1);
            waiverId = await waiverRow.GetAttributeAsync("data-waiver");
            await Expect(waiverRow.GetByTestId("approve-waiver")).ToHaveCountAsync(0);

            // Another operator approves it (the requester is not offered that, and the service refuses it too).
            var second = await _demo.SignInAsync(TestTokens.Issue(CallerRole.Operator, "second-operator"));
            await second.GetByTestId("nav-security").ClickAsync();
            var pending = second.Locator($"[data-testid=waiver][data-waiver='{waiverId}']");
            await pending.GetByTestId("waiver-reason").FillAsync("compensating control: volumes on an encrypted SAN");
            await pending.GetByTestId("approve-waiver").ClickAsync();
            await Expect(second.GetByTestId("action-result")).ToContainTextAsync(waiverId!);

            // The first operator's page, never reloaded, shows the finding waived and the zone fit for level 3 again.
            await Expect(finding).ToHaveAttributeAsync("data-waived", "true");
            await Expect(finding).ToHaveAttributeAsync("data-enforced", "false");
            await Expect(finding.GetByTestId("finding-enforcement")).ToContainTextAsync(waiverId!);
            await Expect(page.Locator($"[data-testid=waiver][data-waiver='{waiverId}']")).ToHaveAttributeAsync("data-state", "Approved");
            await Expect(page.Locator($"[data-testid=zone-score][data-zone='{zone}'] [data-testid=zone-level][data-level='3']")).ToHaveAttributeAsync("data-fit", "true");
            Assert.That(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), Is.True, "updated over the circuit, without a reload");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await DemoDashboard.ScreenshotAsync(page, "security", fullPage: false);

            var waiver = (await baseline.ListWaiversAsync(new ListWaiversRequest { ZoneId = zone, RuleId = rule })).Waivers.Single(w => w.WaiverId == waiverId);
            Assert.That(waiver.State, Is.EqualTo(WaiverState.Approved));
            Assert.That(waiver.RequestedBy, Is.EqualTo(TestTokens.OperatorSubject));
            Assert.That(waiver.ApprovedBy, Is.EqualTo("second-operator"));
            Assert.That(waiver.DecisionReason, Is.EqualTo("compensating control: volumes on an encrypted SAN"));
            Assert.That(waiver.ExpiresAt.ToDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow.AddDays(14)).Within(TimeSpan.FromMinutes(5)));
            var stored = (await baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = zone, RuleId = rule, State = FindingState.Open })).Findings.Single();
            Assert.That(stored.WaiverId, Is.EqualTo(waiverId));
            Assert.That(stored.Enforced, Is.False);
        }
        finally
        {
            if (waiverId is not null)
            {
                await baseline.RevokeWaiverAsync(new RevokeWaiverRequest { WaiverId = waiverId, Reason = "browser test done" });
            }

            _demo.Provider(zone).Violate(rule, violate: false);
        }
    }

    [Test]
    public async Task Security_Auditor_SeesScoresAndFindingsButNoRequestAndTheServerRefusesOne()
    {
        const string zone = "gx-yulin-inspur", rule = "patch-age";
        var baseline = new BaselineService.BaselineServiceClient(_demo.Host.Channel);
        _demo.Provider(zone).Violate(rule);
        try
        {
            await Eventually.HoldsAsync(
                async () => (await baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = zone, RuleId = rule, State = FindingState.Open })).Findings.Count == 1,
                $"an open {rule} finding for {zone}", Bound);
            string auditorToken = TestTokens.Auditor();
            var page = await _demo.SignInAsync(auditorToken);
            await page.GetByTestId("nav-security").ClickAsync();

            await Expect(page.GetByTestId("zone-score")).ToHaveCountAsync(DemoCloud.Zones.Count);
            await Expect(page.GetByTestId("level-score")).ToHaveCountAsync(4);
            await Expect(page.GetByTestId("tenant-score").First).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-testid=zone-score][data-zone='{zone}'] [data-testid=zone-level][data-level='3']")).ToHaveAttributeAsync("data-fit", "false");
            var finding = page.Locator($"[data-testid=finding][data-zone='{zone}'][data-rule='{rule}']");
            await Expect(finding).ToHaveAttributeAsync("data-enforced", "true");
            await Expect(page.GetByTestId("request-waiver")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("waiver-request-reason")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("audit-entries")).ToBeVisibleAsync();

            // The server refuses the request the page never offers: the dashboard's backend as the auditor, and the gRPC port.
            var request = new RequestWaiverRequest
            {
                RuleId = rule,
                ZoneId = zone,
                Reason = "not mine to ask",
                ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(7)),
                IdempotencyKey = $"auditor-{Guid.NewGuid():N}",
            };
            var backend = _demo.Host.Services.GetRequiredService<IDashboardBackend>();
            var auditor = (await backend.SignInAsync(auditorToken, CancellationToken.None)).Principal!;
            var refused = await Assert.ThrowsAsync<RpcException>(() => backend.CallAsync<RequestWaiverRequest, Waiver>(DashboardRpc.RequestWaiver, request, auditor, CancellationToken.None));
            Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
            var overGrpc = await Assert.ThrowsAsync<RpcException>(async () => await baseline.RequestWaiverAsync(request, TestTokens.Bearer(auditorToken)));
            Assert.That(overGrpc!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
            Assert.That((await baseline.ListWaiversAsync(new ListWaiversRequest { ZoneId = zone, RuleId = rule })).Waivers, Is.Empty, "nothing was filed");
        }
        finally
        {
            _demo.Provider(zone).Violate(rule, violate: false);
        }
    }

    [Test]
    public async Task Security_Tenant_SeesNoZoneScoresNoDecisionAndTheServerRefusesAnApproval()
    {
        const string zone = "gx-guilin-sangfor", rule = "mlps-certificate-valid";
        var baseline = new BaselineService.BaselineServiceClient(_demo.Host.Channel);
        var pending = await baseline.RequestWaiverAsync(new RequestWaiverRequest
        {
            RuleId = rule,
            ZoneId = zone,
            Reason = "re-assessment booked",
            ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(7)),
            IdempotencyKey = $"tenant-test-{Guid.NewGuid():N}",
        });
        try
        {
            string tenantToken = TestTokens.Tenant("gl-lyj");
            var page = await _demo.SignInAsync(tenantToken);
            await page.GotoAsync(new Uri(_demo.Dashboard, "dashboard/security").ToString());
            await Expect(page.GetByTestId("tenant-score").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("zone-scores")).ToHaveCountAsync(0);
            await Expect(page.Locator($"[data-testid=waiver][data-waiver='{pending.WaiverId}']")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("approve-waiver")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("revoke-waiver")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("audit-not-offered")).ToBeVisibleAsync();

            var backend = _demo.Host.Services.GetRequiredService<IDashboardBackend>();
            var tenant = (await backend.SignInAsync(tenantToken, CancellationToken.None)).Principal!;
            var refused = await Assert.ThrowsAsync<RpcException>(() => backend.CallAsync<ApproveWaiverRequest, Waiver>(
                DashboardRpc.ApproveWaiver, new ApproveWaiverRequest { WaiverId = pending.WaiverId, Reason = "mine" }, tenant, CancellationToken.None));
            Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
            var overGrpc = await Assert.ThrowsAsync<RpcException>(async () => await baseline.ApproveWaiverAsync(
                new ApproveWaiverRequest { WaiverId = pending.WaiverId }, TestTokens.Bearer(tenantToken)));
            Assert.That(overGrpc!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
            Assert.That((await baseline.ListWaiversAsync(new ListWaiversRequest { ZoneId = zone, RuleId = rule })).Waivers.Single().State, Is.EqualTo(WaiverState.Pending), "nothing changed");
        }
        finally
        {
            await baseline.RevokeWaiverAsync(new RevokeWaiverRequest { WaiverId = pending.WaiverId, Reason = "tenant test done" });
        }
    }

    [Test]
    public async Task Security_TenantWithAWorkloadFinding_RequestsAWaiverForItsOwnWorkload()
    {
        const string tenantId = "wm-zwb";
        string tenantToken = TestTokens.Tenant(tenantId);
        var baseline = new BaselineService.BaselineServiceClient(_demo.Host.Channel);
        // The full audit judges the ledger's workloads: the demo's workloads without a declared intent are unmanaged (no-rogue-workload).
        await _demo.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<ControlPlane.Abstractions.Baselines.IBaselineGrain>(0).RunFullAuditAsync();
        var own = (await baseline.ListFindingsAsync(new ListFindingsRequest { State = FindingState.Open, PageSize = 1000 }, TestTokens.Bearer(tenantToken))).Findings;
        Assert.That(own, Is.Not.Empty, $"the full audit finds something about {tenantId}'s workloads (the demo's unmanaged ones)");
        var target = own.First(f => f.WaiverId.Length == 0);
        string? waiverId = null;
        try
        {
            var page = await _demo.SignInAsync(tenantToken);
            await page.GotoAsync(new Uri(_demo.Dashboard, "dashboard/security").ToString());
            var finding = page.Locator($"[data-testid=finding][data-finding='{target.FindingId}']");
            await Expect(finding).ToContainTextAsync(target.WorkloadId);
            await Expect(page.Locator($"[data-testid=finding]:not([data-tenant='{tenantId}'])")).ToHaveCountAsync(0);
            await Expect(page.Locator($"[data-testid=tenant-score][data-tenant='{tenantId}']")).ToBeVisibleAsync();

            await finding.GetByTestId("waiver-request-reason").FillAsync("系统纳管中 / being brought under management");
            await finding.GetByTestId("request-waiver").ClickAsync();
            await Expect(page.GetByTestId("action-result")).ToContainTextAsync(new Regex("w-\\d{12}"));
            var row = page.Locator($"[data-testid=waiver][data-workload='{target.WorkloadId}'][data-state=Pending]");
            await Expect(row).ToHaveCountAsync(1);
            waiverId = await row.GetAttributeAsync("data-waiver");
            await Expect(page.GetByTestId("approve-waiver")).ToHaveCountAsync(0);

            var waiver = (await baseline.ListWaiversAsync(new ListWaiversRequest { WorkloadId = target.WorkloadId })).Waivers.Single(w => w.WaiverId == waiverId);
            Assert.That(waiver.ZoneId, Is.Empty, "a workload's finding is waived for the workload, not its zone");
            Assert.That(waiver.RuleId, Is.EqualTo(target.RuleId));
            Assert.That(waiver.TenantId, Is.EqualTo(tenantId));
            Assert.That(waiver.RequestedBy, Is.EqualTo($"tenant-admin@{tenantId}"));
            Assert.That(waiver.State, Is.EqualTo(WaiverState.Pending));
        }
        finally
        {
            if (waiverId is not null)
            {
                await baseline.RevokeWaiverAsync(new RevokeWaiverRequest { WaiverId = waiverId, Reason = "tenant request test done" });
            }
        }
    }

    [Test]
    public async Task ZonePage_ZoneViolatesARule_ShowsItsFindingAndLevelFitness()
    {
        const string zone = "gx-nanning-hcs", rule = "ssh-password-auth-disabled";
        var page = await _demo.SignInAsync(TestTokens.Operator);
        await page.Locator($"[data-testid=zone-row][data-zone='{zone}'] a").First.ClickAsync();
        await Expect(page.GetByTestId("zone-compliance")).ToBeVisibleAsync();
        var finding = page.Locator($"[data-testid=finding][data-rule='{rule}']");
        await Expect(finding).ToHaveCountAsync(0);
        try
        {
            _demo.Provider(zone).Violate(rule);

            await Expect(finding).ToHaveAttributeAsync("data-enforced", "true");
            await Expect(finding).ToContainTextAsync("ssh.password_auth");
            await Expect(page.Locator("[data-testid=zone-compliance] [data-testid=zone-level][data-level='3']")).ToHaveAttributeAsync("data-fit", "false");
            await Expect(page.Locator("[data-testid=zone-compliance] [data-testid=zone-level][data-level='2']")).ToHaveAttributeAsync("data-fit", "true");
            await DemoDashboard.ScreenshotAsync(page, "zone-findings", fullPage: false);

            await page.GetByTestId("zone-security-link").ClickAsync();
            await Expect(page.GetByTestId("findings-zone")).ToHaveValueAsync(zone);
            await Expect(page.Locator($"[data-testid=finding][data-zone='{zone}'][data-rule='{rule}']")).ToHaveCountAsync(1);
        }
        finally
        {
            _demo.Provider(zone).Violate(rule, violate: false);
        }
    }
}
