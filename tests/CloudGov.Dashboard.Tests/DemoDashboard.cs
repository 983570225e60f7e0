using System.Globalization;
using CloudGov.Demo;
using CloudGov.Testing.Identity;
using Microsoft.Playwright;

namespace CloudGov.Dashboard.Tests;

/// <summary>
/// A real control plane with the demo's tenants and one real agent per demo zone (simulated provider, mutual TLS), and
/// Debian's chromium driven by Playwright. Shared by the fixture; each test opens its own browser context (own cookies).
/// </summary>
internal sealed class DemoDashboard : IAsyncDisposable
{
    /// <summary>Debian's chromium; never Playwright's own browser download.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private readonly List<AgentProcess> _agents;
    private readonly IPlaywright _playwright;

    private DemoDashboard(ControlPlaneProcess host, List<AgentProcess> agents, IPlaywright playwright, IBrowser browser)
    {
        Host = host;
        _agents = agents;
        _playwright = playwright;
        Browser = browser;
    }

    /// <summary>The control plane.</summary>
    public ControlPlaneProcess Host { get; }

    /// <summary>The headless browser.</summary>
    public IBrowser Browser { get; }

    /// <summary>The page the last sign-in opened (screenshotted when a test fails).</summary>
    public IPage? LastPage { get; private set; }

    /// <summary>The simulated provider of demo zone <paramref name="zoneId"/>: its security drill knobs (<c>Violate</c>, <c>SetPosture</c>).</summary>
    public Agent.Providers.SimulatedZoneProvider Provider(string zoneId) =>
        (Agent.Providers.SimulatedZoneProvider)_agents[DemoCloud.Zones.Select(z => z.Id).ToList().IndexOf(zoneId)].Provider;

    /// <summary>The dashboard's address.</summary>
    public Uri Dashboard => new(Host.HttpAddress, "dashboard");

    /// <summary>Starts the host and the agents, waits until every demo zone reported, and launches chromium.</summary>
    public static async Task<DemoDashboard> StartAsync(IDictionary<string, string?>? extra = null)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var settings = new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.500",
            ["Zones:StalenessWindow"] = "00:00:10",
            ["Zones:IndexPublishInterval"] = "00:00:00.500",
            ["Zones:IndexFlushInterval"] = "00:00:00.200",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Plans:Execution:PollInterval"] = "00:00:00.100",
            ["Plans:Execution:MoveTimeout"] = "00:00:30",
            ["CloudGov:Scheduling:Rebalance:MaxMovesPerPlan"] = "2",
            ["CloudGov:Scheduling:Rebalance:KeepPartialCooling"] = "true",
            ["Quota:AutoApproval:Enabled"] = "false",
            ["Dashboard:MinRefreshInterval"] = "00:00:00.100",
        };
        foreach (var arg in DemoTenants.SeedArgs())
        {
            var pair = arg[2..].Split('=', 2);
            settings[pair[0]] = pair[1];
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await ControlPlaneProcess.StartAsync(settings);
        var agents = new List<AgentProcess>();
        foreach (var zone in DemoCloud.Zones)
        {
            agents.Add(await AgentProcess.StartAsync(AgentSettings(host, zone)));
        }

        var client = new Proto.Operations.V1.OperationsService.OperationsServiceClient(host.Channel);
        await Eventually.HoldsAsync(
            async () => (await client.ListZonesAsync(new())).Zones.Count(z => z.AgentConnected && z.WorkloadCount > 0) == DemoCloud.Zones.Count,
            $"all {DemoCloud.Zones.Count} demo zones reporting",
            TimeSpan.FromSeconds(90));

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        return new DemoDashboard(host, agents, playwright, browser);
    }

    /// <summary>A new browser context (no cookies) with one page, signed in with <paramref name="token"/>.</summary>
    public async Task<IPage> SignInAsync(string token, string? language = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 }, Locale = "zh-CN" });
        if (language is not null)
        {
            await context.AddCookiesAsync([new() { Name = Text.DashboardLanguage.CookieName, Value = language, Url = Host.HttpAddress.ToString() }]);
        }

        var page = await context.NewPageAsync();
        LastPage = page;
        page.Console += (_, message) => TestContext.Progress.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => TestContext.Progress.WriteLine($"[browser page error] {error}");
        page.RequestFailed += (_, request) => TestContext.Progress.WriteLine($"[browser failed] {request.Method} {request.Url} {request.Failure}");
        page.RequestFinished += async (_, request) =>
        {
            if (Environment.GetEnvironmentVariable("DASHBOARD_TEST_TRACE") == "1" && await request.ResponseAsync() is { } r)
            {
                TestContext.Progress.WriteLine($"[browser finished] {r.Status} {request.Method} {request.Url}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 300 || Environment.GetEnvironmentVariable("DASHBOARD_TEST_TRACE") == "1")
            {
                TestContext.Progress.WriteLine($"[browser] {response.Status} {response.Url}");
            }
        };
        await page.GotoAsync(Dashboard.ToString());
        await page.GetByTestId("token").FillAsync(token);
        await page.GetByTestId("signin").ClickAsync();
        await page.WaitForURLAsync(url => url.TrimEnd('/').EndsWith("/dashboard", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Saves a screenshot (the full page, or the viewport) and attaches it to the current test.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    private static Dictionary<string, string?> AgentSettings(ControlPlaneProcess host, DemoZone zone)
    {
        var settings = AgentProcess.ZoneSettings(host.AgentAddress, zone.Id, zone.Workloads);
        settings["Agent:Zone:DisplayName"] = zone.DisplayName;
        settings["Agent:Zone:AdministrativeLevel"] = zone.Level;
        settings["Agent:Zone:RegionCode"] = zone.RegionCode;
        settings["Agent:Zone:Vendor"] = zone.Vendor;
        settings["Agent:Zone:MlpsLevel"] = zone.Mlps.ToString(CultureInfo.InvariantCulture);
        settings["Agent:Zone:NetworkPlane"] = zone.Plane;
        settings["Agent:Simulation:Cores"] = zone.Cores.ToString(CultureInfo.InvariantCulture);
        settings["Agent:Simulation:PeakLoad"] = zone.PeakLoad.ToString(CultureInfo.InvariantCulture);
        settings["Agent:Simulation:IntentShare"] = "0.5";
        settings["Agent:Simulation:IntentResidency"] = "province";
        settings["Agent:ReportInterval"] = "00:00:00.500";
        for (int i = 0; i < zone.Tenants.Length; i++)
        {
            settings[$"Agent:Simulation:Tenants:{i}"] = zone.Tenants[i];
        }

        return settings;
    }

    /// <summary>Closes the browser, the agents and the host.</summary>
    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        await Host.DisposeAsync();
    }
}
