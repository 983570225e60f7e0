using System.Text.RegularExpressions;
using CloudGov.ControlPlane.Security;
using CloudGov.Dashboard.Backend;
using CloudGov.Demo;
using CloudGov.Proto.Operations.V1;
using CloudGov.Proto.Tenant.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudGov.Dashboard.Tests;

/// <summary>
/// The operations-center dashboard in Debian's chromium against a control plane with the demo's zones: what operators,
/// auditors and the language switch see and do, each in a fresh browser context.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private DemoDashboard _demo = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Assume.That(File.Exists(DemoDashboard.Chromium), Is.True, $"Debian's chromium at {DemoDashboard.Chromium} (apt-get install -y chromium)");
        _demo = await DemoDashboard.StartAsync();
        SetDefaultExpectTimeout((float)Bound.TotalMilliseconds);
    }

    [TearDown]
    public async Task KeepEvidenceAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _demo?.LastPage is { IsClosed: false } page)
        {
            await DemoDashboard.ScreenshotAsync(page, $"failed-{TestContext.CurrentContext.Test.MethodName}");
            TestContext.Out.WriteLine((await page.ContentAsync())[..Math.Min(4000, (await page.ContentAsync()).Length)]);
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
    public async Task Overview_DemoCloud_ShowsEveryZoneOnTheTableAndTheMap()
    {
        var page = await _demo.SignInAsync(TestTokens.Operator);

        await Expect(page.GetByTestId("zone-row")).ToHaveCountAsync(DemoCloud.Zones.Count);
        foreach (var zone in DemoCloud.Zones)
        {
            await Expect(page.Locator($"[data-testid=zone-row][data-zone='{zone.Id}']")).ToContainTextAsync(zone.DisplayName);
        }

        await Expect(page.GetByTestId("zone-count")).ToHaveTextAsync(DemoCloud.Zones.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // 南宁 (4501) holds the Nanning city zone and the Wuming county zone; 贺州 (4511) has none.
        await Expect(page.GetByTestId("tile-4501")).ToContainTextAsync("2");
        await Expect(page.GetByTestId("tile-4511")).ToHaveClassAsync(new Regex("empty"));
        await Expect(page.GetByTestId("whoami")).ToContainTextAsync(TestTokens.OperatorSubject);
        await DemoDashboard.ScreenshotAsync(page, "overview");
    }

    [Test]
    public async Task Plans_OperatorProposesAndApproves_WatchesEveryMoveComplete()
    {
        var page = await _demo.SignInAsync(TestTokens.Operator);
        await page.GetByTestId("nav-plans").ClickAsync();
        await page.GetByTestId("propose").ClickAsync();
        await Expect(page.GetByTestId("action-result")).ToContainTextAsync("plan-");
        var detail = page.GetByTestId("plan-detail");
        await Expect(detail.GetByTestId("plan-state")).ToHaveAttributeAsync("data-state", "Proposed");
        string planId = (await detail.GetAttributeAsync("data-plan"))!;
        Assert.That(await detail.GetByTestId("move-row").CountAsync(), Is.GreaterThan(0), "the proposed plan has moves");

        await detail.Locator("[data-testid=plan-reason] input, input[data-testid=plan-reason]").FillAsync("browser test: cool the hot zones");
        await detail.GetByTestId("approve-plan").ClickAsync();

        // Live: the page is not reloaded; the plan grain's pushes drive the view to Completed.
        await Expect(detail.GetByTestId("plan-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = (float)TimeSpan.FromSeconds(120).TotalMilliseconds });
        await Expect(detail.Locator("[data-testid=move-row][data-state=Completed]")).ToHaveCountAsync(await detail.GetByTestId("move-row").CountAsync());
        await DemoDashboard.ScreenshotAsync(page, "plan-completed");

        var operations = new OperationsService.OperationsServiceClient(_demo.Host.Channel);
        var plan = (await operations.GetPlanAsync(new GetPlanRequest { PlanId = planId })).Plan;
        Assert.That(plan.State, Is.EqualTo(PlanState.Completed));
        Assert.That(plan.History.Any(d => d.To == PlanState.Approved && d.By == TestTokens.OperatorSubject && d.Reason == "browser test: cool the hot zones"), Is.True,
            "the approval is recorded under the signed-in operator with the reason typed");
    }

    [Test]
    public async Task Quota_OperatorApprovesPendingRequest_TenantAllocationGrows()
    {
        var quota = new QuotaService.QuotaServiceClient(_demo.Host.Channel);
        var tenantHeaders = TestTokens.Bearer(TestTokens.Tenant("nn-dsj"));
        var before = await quota.GetTenantQuotaAsync(new GetTenantQuotaRequest { TenantId = "nn-dsj" });
        var request = await quota.RequestQuotaAsync(new RequestQuotaRequest
        {
            TenantId = "nn-dsj",
            Direction = QuotaDirection.Increase,
            Amount = new Proto.Common.V1.ResourceVector { CpuMillicores = 2000, MemoryMib = 2048 },
            Justification = "数据共享平台扩容",
            IdempotencyKey = $"browser-{Guid.NewGuid():N}",
        }, tenantHeaders);
        Assert.That(request.State, Is.EqualTo(QuotaRequestState.Pending));

        var page = await _demo.SignInAsync(TestTokens.Operator);
        await page.GetByTestId("nav-quota").ClickAsync();
        var row = page.Locator($"[data-testid=quota-request][data-request='{request.RequestId}']");
        await Expect(row).ToContainTextAsync("数据共享平台扩容");
        await row.GetByTestId("quota-reason").FillAsync("approved in the browser test");
        await row.GetByTestId("approve-quota").ClickAsync();
        await Expect(page.GetByTestId("action-result")).ToContainTextAsync(request.RequestId);

        var decided = await quota.GetQuotaRequestAsync(new GetQuotaRequestRequest { RequestId = request.RequestId });
        Assert.That(decided.State, Is.EqualTo(QuotaRequestState.Approved));
        Assert.That(decided.DecidedBy, Is.EqualTo(TestTokens.OperatorSubject));
        Assert.That(decided.DecisionReason, Is.EqualTo("approved in the browser test"));
        var after = await quota.GetTenantQuotaAsync(new GetTenantQuotaRequest { TenantId = "nn-dsj" });
        Assert.That(after.Allocated.CpuMillicores, Is.EqualTo(before.Allocated.CpuMillicores + 2000));
    }

    [Test]
    public async Task Auditor_PlanAndQuotaRequestPending_SeesNoDecisionAnywhereAndTheServerRefuses()
    {
        var operations = new OperationsService.OperationsServiceClient(_demo.Host.Channel);
        var proposed = await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest());
        Assume.That(proposed.Stored, Is.True, $"a plan to look at ({proposed.SkippedReason})");
        var quota = new QuotaService.QuotaServiceClient(_demo.Host.Channel);
        var request = await quota.RequestQuotaAsync(new RequestQuotaRequest
        {
            TenantId = "nn-dsj",
            Direction = QuotaDirection.Increase,
            Amount = new Proto.Common.V1.ResourceVector { CpuMillicores = 1000 },
            Justification = "auditor test",
            IdempotencyKey = $"auditor-{Guid.NewGuid():N}",
        }, TestTokens.Bearer(TestTokens.Tenant("nn-dsj")));

        string auditorToken = TestTokens.Auditor();
        var page = await _demo.SignInAsync(auditorToken);
        await Expect(page.GetByTestId("zone-row")).ToHaveCountAsync(DemoCloud.Zones.Count);
        await page.GetByTestId("nav-plans").ClickAsync();
        await Expect(page.Locator($"[data-testid=plan-row][data-plan='{proposed.Plan.PlanId}']")).ToBeVisibleAsync();
        await page.Locator($"[data-testid=plan-row][data-plan='{proposed.Plan.PlanId}']").ClickAsync();
        await Expect(page.GetByTestId("plan-detail")).ToHaveAttributeAsync("data-plan", proposed.Plan.PlanId);
        await Expect(page.GetByTestId("plan-state")).ToHaveAttributeAsync("data-state", "Proposed");
        await Expect(page.GetByTestId("approve-plan")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("cancel-plan")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("propose")).ToHaveCountAsync(0);

        await page.GetByTestId("nav-quota").ClickAsync();
        await Expect(page.Locator($"[data-testid=quota-request][data-request='{request.RequestId}']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("approve-quota")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("reject-quota")).ToHaveCountAsync(0);

        await page.GetByTestId("nav-security").ClickAsync();
        await Expect(page.GetByTestId("audit-entries")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-verification")).ToContainTextAsync(new Regex("."));

        // The server side refuses even a call the page never offers: the dashboard's backend as the auditor, and the gRPC port.
        var backend = _demo.Host.Services.GetRequiredService<IDashboardBackend>();
        var auditor = (await backend.SignInAsync(auditorToken, CancellationToken.None)).Principal!;
        var refused = await Assert.ThrowsAsync<RpcException>(() => backend.CallAsync<ApprovePlanRequest, ApprovePlanResponse>(
            DashboardRpc.ApprovePlan, new ApprovePlanRequest { PlanId = proposed.Plan.PlanId, Reason = "not mine to decide" }, auditor, CancellationToken.None));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        var refusedQuota = await Assert.ThrowsAsync<RpcException>(() => backend.CallAsync<ApproveQuotaRequestRequest, QuotaRequest>(
            DashboardRpc.ApproveQuotaRequest, new ApproveQuotaRequestRequest { RequestId = request.RequestId }, auditor, CancellationToken.None));
        Assert.That(refusedQuota!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        var overGrpc = await Assert.ThrowsAsync<RpcException>(async () => await operations.ApprovePlanAsync(
            new ApprovePlanRequest { PlanId = proposed.Plan.PlanId, Reason = "x" }, TestTokens.Bearer(auditorToken)));
        Assert.That(overGrpc!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));

        Assert.That((await operations.GetPlanAsync(new GetPlanRequest { PlanId = proposed.Plan.PlanId })).Plan.State, Is.EqualTo(PlanState.Proposed), "nothing changed");
        Assert.That((await quota.GetQuotaRequestAsync(new GetQuotaRequestRequest { RequestId = request.RequestId })).State, Is.EqualTo(QuotaRequestState.Pending), "nothing changed");
        await operations.CancelPlanAsync(new CancelPlanRequest { PlanId = proposed.Plan.PlanId, Reason = "auditor test done" });
    }

    [Test]
    public async Task LanguageSwitch_ChineseByDefault_SwitchesToEnglishWithoutReloadAndRemembers()
    {
        var page = await _demo.SignInAsync(TestTokens.Operator);
        await Expect(page.Locator("h5")).ToHaveTextAsync("一朵云总览");
        await Expect(page.GetByTestId("nav-ledger")).ToHaveTextAsync("一本账");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await page.GetByTestId("language-switch").ClickAsync();

        await Expect(page.Locator("h5")).ToHaveTextAsync("One-cloud overview");
        await Expect(page.GetByTestId("nav-ledger")).ToHaveTextAsync("Ledger");
        await Expect(page.Locator("[data-testid=zone-row][data-zone='gx-nanning-hcs']")).ToContainTextAsync("Nanning");
        Assert.That(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), Is.True, "switched over the circuit, without a reload");
        await DemoDashboard.ScreenshotAsync(page, "overview-en");

        await page.ReloadAsync();
        await Expect(page.Locator("h5")).ToHaveTextAsync("One-cloud overview");
    }

    [Test]
    public async Task SignIn_BadToken_RefusedWithReasonAndNoCookie()
    {
        var context = await _demo.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_demo.Dashboard.ToString());
        await page.GetByTestId("token").FillAsync("not-a-jwt");
        await page.GetByTestId("signin").ClickAsync();

        await Expect(page.GetByTestId("signin-problem")).ToBeVisibleAsync();
        var cookies = await context.CookiesAsync();
        Assert.That(cookies.Any(c => c.Name == DashboardAuth.CookieName), Is.False);
        await page.GotoAsync(new Uri(_demo.Dashboard, "dashboard/plans").ToString());
        await Expect(page.GetByTestId("token")).ToBeVisibleAsync();
    }

    [Test]
    public async Task SignIn_OperatorToken_CookieIsHttpOnlySecureAndStrict()
    {
        var page = await _demo.SignInAsync(TestTokens.Operator);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == DashboardAuth.CookieName);
        Assert.That(cookie.HttpOnly, Is.True);
        Assert.That(cookie.Secure, Is.True);
        Assert.That(cookie.SameSite, Is.EqualTo(SameSiteAttribute.Strict));
        Assert.That(await page.EvaluateAsync<string>("() => document.cookie"), Does.Not.Contain(DashboardAuth.CookieName), "scripts cannot read it");
    }
}
