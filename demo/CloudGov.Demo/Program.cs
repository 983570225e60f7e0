using System.Diagnostics;
using CloudGov.Agent;
using CloudGov.ControlPlane.Hosting;
using CloudGov.ControlPlane.Security;
using CloudGov.Demo;
using CloudGov.Proto.Operations.V1;
using Grpc.Net.Client;

// One command: a single-node control plane plus one simulated agent per demo zone. Each agent is the real agent
// (its own host, its own gRPC channel) connecting over loopback, exactly as a separate process would.
var started = Stopwatch.StartNew();
CloudGov.ControlPlane.AgentIdentity.AgentCertificateFiles? certificates = null;
var controlPlane = ControlPlaneApp.Build([.. DemoTenants.SeedArgs(), .. args], builder =>
{
    DemoTokens.UseDataDirectoryKey(builder.Configuration);
    certificates = DemoCertificates.Prepare(builder);
});
var options = controlPlane.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ControlPlaneOptions>>().Value;
await controlPlane.StartAsync();

// The simulated zones keep their workloads beside the control plane's database (the SQLite file's directory, as the
// storage resolves it), so stopping and starting the demo keeps placements and completed moves in both, and
// --Storage:SqlitePath=... moves both.
var storage = controlPlane.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CloudGov.ControlPlane.Persistence.StorageOptions>>().Value;
string dataDirectory = Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath))!;

var grpcAddress = new Uri($"http://{options.ListenAddress}:{options.GrpcPort}");
var agentAddress = new Uri($"https://{options.ListenAddress}:{options.AgentPort}");
var httpAddress = new Uri($"http://{options.ListenAddress}:{options.HttpPort}");
var agents = new List<IHost>();
foreach (var zone in DemoCloud.Zones)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
    builder.Logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
    var settings = new Dictionary<string, string?>
    {
        ["Agent:ControlPlaneAddress"] = agentAddress.ToString(),
        ["Agent:ZoneId"] = zone.Id,
        ["Agent:Provider"] = "Simulated",
        ["Agent:Zone:DisplayName"] = zone.DisplayName,
        ["Agent:Zone:AdministrativeLevel"] = zone.Level,
        ["Agent:Zone:RegionCode"] = zone.RegionCode,
        ["Agent:Zone:Vendor"] = zone.Vendor,
        ["Agent:Zone:MlpsLevel"] = zone.Mlps.ToString(),
        ["Agent:Zone:NetworkPlane"] = zone.Plane,
        ["Agent:Simulation:Cores"] = zone.Cores.ToString(),
        ["Agent:Simulation:Workloads"] = zone.Workloads.ToString(),
        ["Agent:Simulation:PeakLoad"] = zone.PeakLoad.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Agent:Simulation:StatePath"] = Path.Combine(dataDirectory, "zones", $"{zone.Id}.json"),

        // Half the seeded systems declare their intent (anywhere in 广西's one cloud): the ledger adopts them managed and
        // the rebalancer may move them; the other half are adopted unmanaged and pinned until someone registers them.
        ["Agent:Simulation:IntentShare"] = "0.5",
        ["Agent:Simulation:IntentResidency"] = "province",
    };
    foreach (var (key, value) in DemoCertificates.AgentSettings(certificates!, zone.Id))
    {
        settings[key] = value;
    }

    for (int i = 0; i < zone.Tenants.Length; i++)
    {
        settings[$"Agent:Simulation:Tenants:{i}"] = zone.Tenants[i];
    }

    builder.Configuration.AddInMemoryCollection(settings);
    builder.AddZoneAgent();
    var agent = builder.Build();
    await agent.StartAsync();
    agents.Add(agent);
}

// An operator, an auditor and a tenant token for the walk-through, signed with the data directory's key (or the
// configured one); none when only an external issuer is configured.
var identity = controlPlane.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
(string File, string Operator)? tokens = identity.HasSigningKey ? DemoTokens.Write(identity, dataDirectory, DateTimeOffset.UtcNow) : null;

// Wait until every zone has reported in this run (not merely has a stored sequence from the last one), through the
// public operations API.
using var channel = GrpcChannel.ForAddress(grpcAddress);
var operations = new OperationsService.OperationsServiceClient(channel);
var operatorHeaders = tokens is { } issued ? new Grpc.Core.Metadata { { "authorization", $"Bearer {issued.Operator}" } } : null;
int expected = DemoCloud.Zones.Count;
while (true)
{
    var sinceStart = started.Elapsed;
    var zones = await operations.ListZonesAsync(new ListZonesRequest(), operatorHeaders);
    int reporting = ReportingZones.InThisRun(zones.Zones, sinceStart);
    if (reporting >= expected)
    {
        break;
    }

    await Task.Delay(100);
}

Console.WriteLine($"""

    CloudGov demo: {expected} zones reporting {started.Elapsed.TotalSeconds:F1} s after start.
      gRPC (OperationsService, reflection, health): {grpcAddress}
      Agents (mutual TLS, AgentService only): {agentAddress}, certificates in {certificates!.Directory}
      Prometheus metrics:  {httpAddress}metrics
      Health:              {httpAddress}healthz
      Data:                {dataDirectory} (control plane database; zones/<zone-id>.json per simulated zone)
      Tokens:              {(tokens is { } t ? $"{t.File} (operator, auditor and tenant '{DemoTokens.Tenant}' bearer tokens, 24 h; `source` it)" : "none (Identity:Oidc only: get tokens from your issuer)")}
    Press Ctrl+C to stop.
    """);

// Ctrl+C stops the agents first, while the control plane still serves them, so each ends its stream itself instead of
// being told the host is stopping and retrying a host that is gone (the control plane drains only what is left).
controlPlane.Lifetime.ApplicationStopping.Register(() => Task.WhenAll(agents.Select(a => a.StopAsync())).GetAwaiter().GetResult());
await controlPlane.WaitForShutdownAsync();
foreach (var agent in agents)
{
    agent.Dispose();
}
