namespace CloudGov.Agent;

/// <summary>The agent's settings. Bound from the <c>Agent</c> configuration section.</summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Agent";

    /// <summary>
    /// The control plane's agent endpoint. Default https://127.0.0.1:5101 (mutual TLS, see <see cref="Tls"/>); http://
    /// only against a host with its plaintext development switch on. Used when <see cref="ControlPlaneAddresses"/> is empty.
    /// </summary>
    public Uri ControlPlaneAddress { get; set; } = new("https://127.0.0.1:5101");

    /// <summary>
    /// The gRPC addresses of several control-plane hosts of one cluster (<c>Agent:ControlPlaneAddresses:0</c>, <c>:1</c>, …).
    /// The agent connects to the first and moves on to the next one whenever a session fails, wrapping around.
    /// Default empty: only <see cref="ControlPlaneAddress"/> is used.
    /// </summary>
    public List<Uri> ControlPlaneAddresses { get; set; } = [];

    /// <summary>The zone this agent serves (a stable slug such as <c>gx-nanning-hcs</c>). Required.</summary>
    public string ZoneId { get; set; } = string.Empty;

    /// <summary>The provider adapter that talks to the zone's cloud API. Default Simulated.</summary>
    public string Provider { get; set; } = "Simulated";

    /// <summary>Report interval until the control plane's Welcome says otherwise. Default 5 s.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True (default): right after carrying out a command the agent observes the zone and sends that report at once, so the
    /// control plane sees the command's effect (a workload now running, or gone) without waiting for the next interval.
    /// False: only the interval reports (the polling-only behaviour, for measurements and tests of the fallback).
    /// </summary>
    public bool ReportAfterCommand { get; set; } = true;

    /// <summary>First reconnect delay; doubles up to <see cref="MaxReconnectDelay"/> with jitter. Default 200 ms.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest reconnect delay. Default 10 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Reports kept until the control plane acknowledges them as durable; the oldest are dropped beyond this. Default 720 (an hour at 5 s); 1 to 100,000.</summary>
    public int BacklogCapacity { get; set; } = 720;

    /// <summary>
    /// Posture facts the provider cannot measure, declared by the operator for every provider (<c>Agent:Posture:infra.location.country=CN</c>,
    /// <c>Agent:Posture:platform.mlps_certificate=valid</c>, …): added to every report; a fact the provider measures with the same key wins.
    /// At most 64; keys 1-128 characters, values at most 1,024, without control characters.
    /// </summary>
    public Dictionary<string, string> Posture { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The agent's identity for an https:// control-plane address (mutual TLS): the CloudGov CA and this zone's
    /// certificate and key, as <c>certs init-ca</c> / <c>certs issue-agent</c> wrote them.
    /// </summary>
    public AgentTlsSettings Tls { get; set; } = new();

    /// <summary>The zone's description, sent in Hello.</summary>
    public ZoneSettings Zone { get; set; } = new();

    /// <summary>Settings of the simulated provider.</summary>
    public SimulationSettings Simulation { get; set; } = new();

    /// <summary>The addresses the agent rotates through: <see cref="ControlPlaneAddresses"/> if any, else <see cref="ControlPlaneAddress"/>.</summary>
    public IReadOnlyList<Uri> EffectiveControlPlaneAddresses() =>
        ControlPlaneAddresses.Count > 0 ? ControlPlaneAddresses : [ControlPlaneAddress];
}

/// <summary>The zone's static description.</summary>
public sealed class ZoneSettings
{
    /// <summary>Display name (usually Chinese).</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Province, City or County.</summary>
    public string AdministrativeLevel { get; set; } = "City";

    /// <summary>Six-digit region code.</summary>
    public string RegionCode { get; set; } = string.Empty;

    /// <summary>The vendor running the zone.</summary>
    public string Vendor { get; set; } = string.Empty;

    /// <summary>MLPS level the zone is certified for (2-4).</summary>
    public int MlpsLevel { get; set; } = 3;

    /// <summary>EGovExtranet, Internet or EGovIntranet.</summary>
    public string NetworkPlane { get; set; } = "EGovExtranet";

    /// <summary>CPU over-commit ratio. Default 1.5.</summary>
    public double CpuOvercommit { get; set; } = 1.5;

    /// <summary>Memory over-commit ratio. Default 1.0.</summary>
    public double MemoryOvercommit { get; set; } = 1.0;

    /// <summary>Free-form labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];
}

/// <summary>How the simulated provider builds its zone.</summary>
public sealed class SimulationSettings
{
    /// <summary>Seed; the same seed gives the same zone. Default: derived from the zone id.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// The share of seeded workloads (0-1) whose labels declare their intent (cloudgov.io/allowed-regions and
    /// network-plane), so the ledger adopts them managed; the rest are adopted unmanaged and pinned. Default: one third.
    /// </summary>
    public double? IntentShare { get; set; }

    /// <summary>
    /// The residency the declaring workloads' intent labels give: <c>city</c> (default: the 4-digit prefix of the zone's
    /// region code, e.g. 4501) or <c>province</c> (the 2-digit prefix, e.g. 45: anywhere in the province's one cloud).
    /// </summary>
    public string IntentResidency { get; set; } = "city";

    /// <summary>Cores in the zone. Default 800.</summary>
    public int Cores { get; set; } = 800;

    /// <summary>Number of workloads (20-500 is realistic). Default 120.</summary>
    public int Workloads { get; set; } = 120;

    /// <summary>Mean utilization of requested resources at the daily peak (0-1). Default 0.55.</summary>
    public double PeakLoad { get; set; } = 0.55;

    /// <summary>Departments (tenant ids) that own the zone's workloads.</summary>
    public List<string> Tenants { get; set; } = [];

    /// <summary>Speeds the simulated day up (e.g. 60 makes one hour pass per minute). Default 1.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>
    /// Fault drill: the share (0-1) of place commands the simulated cloud fails as a provisioning error. Default 0.
    /// </summary>
    public double PlaceFailureRate { get; set; }

    /// <summary>Only this workload shape (s, m, l or xl); empty (default) mixes them.</summary>
    public string Shape { get; set; } = string.Empty;

    /// <summary>How long the simulated cloud takes to carry out a command. Default 0; at most 10 min.</summary>
    public TimeSpan CommandDelay { get; set; }

    /// <summary>A random extra delay, up to this, on every command (fault drill). Default 0; at most 10 min.</summary>
    public TimeSpan CommandJitter { get; set; }

    /// <summary>
    /// A JSON file that keeps the simulated zone across restarts: loaded on start instead of seeding (seeded and written
    /// the first time), and rewritten atomically after every place and remove, so completed moves and placed workloads
    /// survive. A relative path is resolved against the working directory; its directory is created. One file per
    /// zone, used by one agent at a time. A corrupt file or one written by a newer agent stops the agent at start;
    /// it is never re-seeded over. Default empty: the zone lives in memory only and is seeded afresh on every start.
    /// </summary>
    public string StatePath { get; set; } = string.Empty;

    /// <summary>
    /// Security-baseline drill: built-in zone rule ids (e.g. <c>encryption-at-rest</c>, <c>no-world-open-mgmt-ports</c>) the
    /// zone reports a violating posture fact for (see <c>PostureFactKeys.Violations</c>). Default none: the zone complies.
    /// </summary>
    public List<string> ViolateRules { get; set; } = [];

    /// <summary>
    /// Security-baseline drill: the zone applies another access-control policy than a place command carries (every
    /// ingress rule opened to <c>0.0.0.0/0</c>; a workload sent with no rules gets TCP 22 from <c>0.0.0.0/0</c>) and reports
    /// what it applied, as a misconfigured security group would; the control plane's post-move check then rolls the move
    /// back (rule <c>access-policy-follows-migration</c>). Moves sent with no policy at all are not affected. Default false.
    /// </summary>
    public bool MisapplyAccessPolicy { get; set; }

    /// <summary>Posture facts reported instead of the simulated ones (key → value; at most 64). Default none.</summary>
    public Dictionary<string, string> Posture { get; set; } = [];
}
