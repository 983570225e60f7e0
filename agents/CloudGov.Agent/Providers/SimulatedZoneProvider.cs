using System.Collections.Immutable;
using System.Globalization;

namespace CloudGov.Agent.Providers;

/// <summary>
/// A seeded, realistic zone for demos and tests: hosts sized by administrative level, workloads of several
/// departments in small/medium/large shapes, usage following a working-day curve in Beijing time with noise and
/// occasional spikes. Place and remove commands change the zone's model, so requested resources and usage move for
/// real; a placement that does not fit the zone's allocatable capacity (capacity × over-commit) is refused, as a real
/// cloud would. Fault drills: a share of placements can fail, and commands can take (randomly) long. The same seed
/// and clock give the same numbers.
/// <para>
/// Every workload carries labels (its cloud tags), reported with it: seeded workloads get <c>app</c>, <c>env</c> and
/// <c>owner-dept</c>, and one third of them (chosen from the seed) also declare their intent with
/// <c>cloudgov.io/</c> keys; a placed workload carries exactly the labels of its place command.
/// </para>
/// <para>
/// With <see cref="SimulationSettings.StatePath"/> set the zone outlives its agent: it is loaded from that file on start
/// (seeded and written there the first time) and written after every change, so completed moves and placed workloads
/// survive a restart.
/// </para>
/// </summary>
public sealed class SimulatedZoneProvider : IZoneProvider
{
    private static readonly (string Name, long Cpu, long Mem, long Storage, double Weight)[] Shapes =
    [
        ("s", 2_000, 4_096, 100, 0.45),
        ("m", 4_000, 8_192, 200, 0.30),
        ("l", 8_000, 16_384, 500, 0.18),
        ("xl", 16_000, 65_536, 1_000, 0.07),
    ];

    /// <summary>Business systems and the <c>app</c> tag their cloud resources carry.</summary>
    private static readonly (string Name, string App)[] Systems =
    [
        ("一网通办", "one-stop-service"),
        ("数字政务门户", "egov-portal"),
        ("政务数据共享交换", "data-exchange"),
        ("视频会议", "video-conference"),
        ("电子证照", "e-license"),
        ("信用信息平台", "credit-info"),
        ("城市大脑", "city-brain"),
        ("12345热线", "hotline-12345"),
        ("医保结算", "medical-insurance"),
        ("不动产登记", "real-estate-registry"),
        ("社保核心", "social-security"),
        ("公积金", "housing-fund"),
        ("应急指挥", "emergency-command"),
        ("智慧交通", "smart-transport"),
    ];

    private readonly object _gate = new();
    private readonly string _zoneId;
    private readonly int _seed;
    private readonly double _timeScale;
    private readonly DateTimeOffset _epoch;
    private readonly ResourceVector _capacity;
    private readonly ResourceVector _allocatable;
    private readonly SimulationSettings _sim;
    private readonly Random _faults;
    private volatile bool _misapplyAccessPolicy;
    private readonly SortedDictionary<string, SimWorkload> _workloads = new(StringComparer.Ordinal);
    private readonly string? _statePath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _posture = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the zone from the agent's settings: loaded from <see cref="SimulationSettings.StatePath"/> when that file
    /// exists, otherwise seeded (and, with a state path, written there).
    /// </summary>
    /// <exception cref="InvalidDataException">The state file is corrupt, of a newer format or another zone's.</exception>
    public SimulatedZoneProvider(AgentOptions options, TimeProvider time, ILogger<SimulatedZoneProvider>? logger = null)
    {
        _zoneId = options.ZoneId;
        _time = time;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _statePath = string.IsNullOrWhiteSpace(options.Simulation.StatePath) ? null : Path.GetFullPath(options.Simulation.StatePath);
        var sim = options.Simulation;
        _seed = sim.Seed ?? StableHash(options.ZoneId);
        _timeScale = sim.TimeScale <= 0 ? 1 : sim.TimeScale;
        _epoch = time.GetUtcNow();
        var random = new Random(_seed);
        long cores = Math.Max(8, sim.Cores);
        _capacity = new ResourceVector { CpuMillicores = cores * 1000, MemoryMib = cores * 4 * 1024, StorageGib = cores * 50, Gpu = 0 };
        _allocatable = new ResourceVector
        {
            CpuMillicores = (long)(_capacity.CpuMillicores * Math.Max(1, options.Zone.CpuOvercommit)),
            MemoryMib = (long)(_capacity.MemoryMib * Math.Max(1, options.Zone.MemoryOvercommit)),
            StorageGib = _capacity.StorageGib,
        };
        _sim = sim;
        _faults = new Random(_seed ^ 0x2545F491);
        _misapplyAccessPolicy = sim.MisapplyAccessPolicy;
        foreach (var rule in sim.ViolateRules)
        {
            var (key, value) = PostureFactKeys.Violations[rule];
            _posture[key] = value;
        }

        foreach (var (key, value) in sim.Posture)
        {
            _posture[key] = value;
        }

        if (_statePath is not null && SimulatedZoneStateFile.Load(_statePath, _zoneId) is { } saved)
        {
            foreach (var w in saved.Workloads)
            {
                _workloads[w.Id] = SimWorkload.FromState(w);
            }

            AgentLog.ZoneStateLoaded(_logger, _zoneId, _workloads.Count, _statePath);
            return;
        }

        Seed(options, random);
        if (_statePath is not null)
        {
            SimulatedZoneStateFile.Save(_statePath, Snapshot());
            AgentLog.ZoneStateSeeded(_logger, _zoneId, _workloads.Count, _statePath);
        }
    }

    /// <summary>
    /// Raised inside the zone's lock each time a command changes the zone (a workload placed or removed), in the order
    /// the changes happen (after the change is saved, with a state file). Handlers must be quick and must not call back
    /// into the provider.
    /// </summary>
    public event Action<string, CommandKind, string>? Changed;

    /// <inheritdoc />
    public ProviderKind Kind => ProviderKind.Simulated;

    /// <summary>The number of workloads the zone holds now.</summary>
    public int WorkloadCount
    {
        get
        {
            lock (_gate)
            {
                return _workloads.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var simulated = _epoch + ((now - _epoch) * _timeScale);
        double diurnal = Diurnal(simulated);
        long minute = simulated.ToUnixTimeSeconds() / 60;
        List<WorkloadReport> reports;
        long cpu = 0, mem = 0, storage = 0;
        lock (_gate)
        {
            reports = new List<WorkloadReport>(_workloads.Count);
            foreach (var w in _workloads.Values)
            {
                double noise = 0.9 + (0.2 * Unit(_seed, w.Id, minute));
                double spike = Unit(_seed ^ 0x5f3759df, w.Id, minute / 5) < 0.01 ? 1.6 : 1.0;
                double wave = 1 + (0.08 * Math.Sin((minute / 37.0) + w.Phase));
                double load = Math.Clamp(w.BaseLoad * diurnal * noise * spike * wave, 0.01, 1.0);
                var usage = new ResourceVector
                {
                    CpuMillicores = (long)(w.Requests.CpuMillicores * load),
                    MemoryMib = (long)(w.Requests.MemoryMib * Math.Clamp(0.35 + (0.5 * load), 0, 1)),
                    StorageGib = (long)(w.Requests.StorageGib * 0.6),
                };
                cpu += usage.CpuMillicores;
                mem += usage.MemoryMib;
                storage += usage.StorageGib;
                var report = new WorkloadReport
                {
                    WorkloadId = w.Id,
                    TenantId = w.Tenant,
                    System = w.System,
                    Requests = w.Requests,
                    Usage = usage,
                    MlpsLevel = w.Level,
                    State = WorkloadState.Running,
                    AccessPolicy = w.Policy,
                };

                // The message owns its map; the keys and values are the workload's own strings, not copies.
                foreach (var (key, value) in w.Labels)
                {
                    report.Labels.Add(key, value);
                }

                reports.Add(report);
            }
        }

        // Platform overhead (hypervisor, control services): 4% of CPU and memory.
        var total = new ResourceVector
        {
            CpuMillicores = Math.Min(_capacity.CpuMillicores, cpu + (_capacity.CpuMillicores / 25)),
            MemoryMib = Math.Min(_capacity.MemoryMib, mem + (_capacity.MemoryMib / 25)),
            StorageGib = Math.Min(_capacity.StorageGib, storage),
        };
        var posture = Posture();
        return ValueTask.FromResult(new ZoneObservation(_capacity, total, reports, posture, Degraded: false));
    }

    /// <summary>
    /// Security-baseline drill at run time: the zone reports <paramref name="value"/> for posture fact <paramref name="key"/>
    /// from its next report on (null: the simulated value again). For demos and tests (violate a rule, then resolve it).
    /// </summary>
    public void SetPosture(string key, string? value)
    {
        lock (_gate)
        {
            if (value is null)
            {
                _posture.Remove(key);
            }
            else
            {
                _posture[key] = value;
            }
        }
    }

    /// <summary>Makes the zone violate built-in zone rule <paramref name="ruleId"/> (one of <see cref="PostureFactKeys.Violations"/>), or comply again.</summary>
    public void Violate(string ruleId, bool violate = true)
    {
        var (key, value) = PostureFactKeys.Violations[ruleId];
        SetPosture(key, violate ? value : null);
    }

    /// <summary>
    /// Security-baseline drill at run time (tests, demos): true makes the zone apply another access-control policy than
    /// later place commands carry (see <c>Agent:Simulation:MisapplyAccessPolicy</c>); false applies them as given again.
    /// </summary>
    public void MisapplyAccessPolicy(bool misapply = true) => _misapplyAccessPolicy = misapply;

    /// <summary>What a misconfigured zone applies instead of <paramref name="wanted"/>: every rule open to the world, or SSH from anywhere.</summary>
    private static AccessPolicy? Misapplied(AccessPolicy? wanted)
    {
        if (wanted is null)
        {
            return null;
        }

        var applied = new AccessPolicy();
        foreach (var rule in wanted.Ingress)
        {
            applied.Ingress.Add(new AccessRule(rule) { SourceCidr = "0.0.0.0/0" });
        }

        if (applied.Ingress.Count == 0)
        {
            applied.Ingress.Add(new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 22, PortTo = 22, SourceCidr = "0.0.0.0/0" });
        }

        return applied;
    }

    /// <summary>
    /// The zone's posture: a compliant MLPS level-3-ready simulated cloud in China (dedicated pool, separated management
    /// network, encrypted storage, only 443 open to the world, audit on and kept 180 days, patches 7 days old, certificate
    /// valid, SSH keys only), with the drill's overrides on top.
    /// </summary>
    private List<PostureFact> Posture()
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [PostureFactKeys.InfraCountry] = "CN",
            [PostureFactKeys.DataCountry] = "CN",
            [PostureFactKeys.PoolDedicated] = "true",
            [PostureFactKeys.ManagementSeparated] = "true",
            [PostureFactKeys.EncryptionAtRest] = "enabled",
            [PostureFactKeys.WorldOpenPorts] = "443",
            [PostureFactKeys.AuditLogging] = "enabled",
            [PostureFactKeys.AuditLogRetentionDays] = "180",
            [PostureFactKeys.PatchMaxAgeDays] = "7",
            [PostureFactKeys.MlpsCertificate] = "valid",
            [PostureFactKeys.SshPasswordAuth] = "disabled",
        };
        lock (_gate)
        {
            foreach (var (key, value) in _posture)
            {
                facts[key] = value;
            }
        }

        return [.. facts.Select(f => new PostureFact { Key = f.Key, Value = f.Value })];
    }

    /// <inheritdoc />
    public async ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        var spec = command.Workload;
        if (spec is null || string.IsNullOrEmpty(spec.WorkloadId))
        {
            return Failed(command, "the command has no workload");
        }

        bool fail;
        TimeSpan delay;
        lock (_gate)
        {
            fail = command.Kind == CommandKind.Place && _sim.PlaceFailureRate > 0 && _faults.NextDouble() < _sim.PlaceFailureRate;
            delay = _sim.CommandDelay + (_sim.CommandJitter * _faults.NextDouble());
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }

        lock (_gate)
        {
            switch (command.Kind)
            {
                case CommandKind.Place:
                    if (_workloads.ContainsKey(spec.WorkloadId))
                    {
                        return Succeeded(command);
                    }

                    if (fail)
                    {
                        return Failed(command, $"simulated provisioning failure in zone {_zoneId}");
                    }

                    var requests = spec.Requests ?? new ResourceVector();

                    // What the zone could not report (the gateway would reject every report of the zone) is refused.
                    if (spec.TenantId.Length == 0 || requests.CpuMillicores < 0 || requests.MemoryMib < 0 || requests.StorageGib < 0 || requests.Gpu < 0)
                    {
                        return Failed(command, $"zone {_zoneId} cannot create {spec.WorkloadId}: it needs a tenant and requests that are not negative");
                    }

                    var requested = requests;
                    foreach (var w in _workloads.Values)
                    {
                        requested = Add(requested, w.Requests);
                    }

                    if (requested.CpuMillicores > _allocatable.CpuMillicores || requested.MemoryMib > _allocatable.MemoryMib || requested.StorageGib > _allocatable.StorageGib)
                    {
                        return Failed(command, $"zone {_zoneId} has no room for {spec.WorkloadId}: requests would exceed its allocatable capacity");
                    }

                    var labels = WorkloadLabels.Sorted(spec.Labels);
                    if (WorkloadLabels.Problem(labels) is { } problem)
                    {
                        return Failed(command, $"zone {_zoneId} cannot label {spec.WorkloadId}: {problem}");
                    }

                    // The zone applies the workload's access policy as given (a copy: the command's message is not ours) and reports it back.
                    _workloads[spec.WorkloadId] = new SimWorkload(spec.WorkloadId, spec.TenantId, spec.System, requests, spec.MlpsLevel, 0.5, 0, labels)
                    {
                        Policy = _misapplyAccessPolicy ? Misapplied(spec.AccessPolicy) : spec.AccessPolicy?.Clone(),
                    };
                    if (SaveFailed(command, out var placeFailure))
                    {
                        _workloads.Remove(spec.WorkloadId);
                        return placeFailure;
                    }

                    Changed?.Invoke(_zoneId, CommandKind.Place, spec.WorkloadId);
                    return Succeeded(command);
                case CommandKind.Remove:
                    if (_workloads.Remove(spec.WorkloadId, out var removed))
                    {
                        if (SaveFailed(command, out var removeFailure))
                        {
                            _workloads[spec.WorkloadId] = removed;
                            return removeFailure;
                        }

                        Changed?.Invoke(_zoneId, CommandKind.Remove, spec.WorkloadId);
                    }

                    return Succeeded(command);
                default:
                    return Failed(command, $"command kind {command.Kind} is not supported by the simulated provider in zone {_zoneId}");
            }
        }
    }

    /// <summary>True when the zone holds the workload now.</summary>
    public bool Holds(string workloadId)
    {
        lock (_gate)
        {
            return _workloads.ContainsKey(workloadId);
        }
    }

    /// <summary>The ids of the workloads the zone holds now.</summary>
    public IReadOnlyList<string> WorkloadIds()
    {
        lock (_gate)
        {
            return [.. _workloads.Keys];
        }
    }

    private void Seed(AgentOptions options, Random random)
    {
        var sim = options.Simulation;
        var tenants = sim.Tenants.Count > 0 ? sim.Tenants : [$"{options.ZoneId}-dept-a", $"{options.ZoneId}-dept-b", $"{options.ZoneId}-dept-c"];
        int count = Math.Clamp(sim.Workloads, 0, 10_000);
        long cpuBudget = (long)(_capacity.CpuMillicores * options.Zone.CpuOvercommit * 0.95);
        long memBudget = (long)(_capacity.MemoryMib * options.Zone.MemoryOvercommit * 0.95);
        long storageBudget = (long)(_capacity.StorageGib * 0.95);
        long cpu = 0, mem = 0, disk = 0;
        var only = Array.Find(Shapes, s => s.Name == sim.Shape);
        for (int i = 0; i < count; i++)
        {
            var shape = only.Name is null ? PickShape(random) : only;
            if (cpu + shape.Cpu > cpuBudget || mem + shape.Mem > memBudget || disk + shape.Storage > storageBudget)
            {
                shape = Shapes[0];
                if (cpu + shape.Cpu > cpuBudget || mem + shape.Mem > memBudget || disk + shape.Storage > storageBudget)
                {
                    break;
                }
            }

            cpu += shape.Cpu;
            mem += shape.Mem;
            disk += shape.Storage;
            string tenant = tenants[random.Next(tenants.Count)];
            string id = $"{options.ZoneId}-{shape.Name}-{i:D4}";
            var level = random.NextDouble() < 0.25 ? MlpsLevel._3 : MlpsLevel._2;
            if (options.Zone.MlpsLevel < (int)level)
            {
                level = (MlpsLevel)options.Zone.MlpsLevel;
            }

            var system = Systems[random.Next(Systems.Length)];
            _workloads[id] = new SimWorkload(
                id,
                tenant,
                system.Name,
                new ResourceVector { CpuMillicores = shape.Cpu, MemoryMib = shape.Mem, StorageGib = shape.Storage },
                level,
                BaseLoad: Math.Clamp(sim.PeakLoad * (0.6 + 0.8 * random.NextDouble()), 0.05, 1.0),
                Phase: random.NextDouble() * 2 * Math.PI,
                Labels: []);
        }

        LabelSeeded(options);
    }

    /// <summary>
    /// Tags the seeded workloads as their cloud would (<c>app</c>, <c>env</c>, <c>owner-dept</c>) and lets one third of
    /// them, chosen from the seed, declare their intent with <c>cloudgov.io/</c> labels that the zone satisfies. Uses
    /// a random sequence of its own, so the seeded workloads are the same as before labels existed.
    /// </summary>
    private void LabelSeeded(AgentOptions options)
    {
        var random = new Random(_seed ^ 0x1B873593);
        var ids = _workloads.Keys.ToArray();
        int declaring = options.Simulation.IntentShare is { } share
            ? (int)Math.Round(ids.Length * Math.Clamp(share, 0, 1))
            : (ids.Length + 1) / 3;
        for (int i = 0; i < declaring; i++)
        {
            int j = random.Next(i, ids.Length);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }

        var intent = new HashSet<string>(ids.Take(declaring), StringComparer.Ordinal);
        int prefix = string.Equals(options.Simulation.IntentResidency, "province", StringComparison.OrdinalIgnoreCase) ? 2 : 4;
        string? regions = options.Zone.RegionCode is { Length: 6 } code && code.All(char.IsAsciiDigit) ? code[..prefix] : null;
        string? plane = NetworkPlanes.LabelValue(NetworkPlanes.Parse(options.Zone.NetworkPlane));
        foreach (var w in _workloads.Values.ToArray())
        {
            double roll = random.NextDouble();
            var labels = new List<KeyValuePair<string, string>>(8)
            {
                new("app", Array.Find(Systems, s => s.Name == w.System).App),
                new("env", roll < 0.8 ? "prod" : roll < 0.95 ? "staging" : "test"),
                new("owner-dept", w.Tenant),
            };
            if (intent.Contains(w.Id))
            {
                labels.Add(new(WorkloadLabels.Tenant, w.Tenant));
                labels.Add(new(WorkloadLabels.System, w.System));
                labels.Add(new(WorkloadLabels.MlpsLevel, ((int)w.Level).ToString(CultureInfo.InvariantCulture)));
                if (regions is not null)
                {
                    labels.Add(new(WorkloadLabels.AllowedRegions, regions));
                }

                if (plane is not null)
                {
                    labels.Add(new(WorkloadLabels.NetworkPlane, plane));
                }
            }

            _workloads[w.Id] = w with { Labels = WorkloadLabels.Sorted(labels) };
        }
    }

    /// <summary>
    /// Saves the zone after a change (under the lock, so saves follow the order of changes). False when there is no
    /// state file or the save worked; true with a failed result when it did not, for the caller to undo the change.
    /// </summary>
    private bool SaveFailed(Command command, out CommandResult failure)
    {
        failure = null!;
        if (_statePath is null)
        {
            return false;
        }

        try
        {
            SimulatedZoneStateFile.Save(_statePath, Snapshot());
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AgentLog.ZoneStateSaveFailed(_logger, _zoneId, _statePath, ex.Message);
            failure = Failed(command, $"zone {_zoneId} could not record the change in its state file {_statePath}: {ex.Message}");
            return true;
        }
    }

    /// <summary>The zone's state as the state file holds it; the caller holds the lock (or is the constructor).</summary>
    private SimulatedZoneState Snapshot() => new()
    {
        FormatVersion = SimulatedZoneStateFile.FormatVersion,
        ZoneId = _zoneId,
        SavedAt = _time.GetUtcNow(),
        Workloads = [.. _workloads.Values.Select(w => w.ToState())],
    };

    /// <summary>Working-day load in Beijing time: low at night, peaks mid-morning and mid-afternoon, lower at weekends.</summary>
    internal static double Diurnal(DateTimeOffset utc)
    {
        var beijing = utc.ToOffset(TimeSpan.FromHours(8));
        double hour = beijing.Hour + (beijing.Minute / 60.0);
        double morning = Math.Exp(-Math.Pow((hour - 10.0) / 1.8, 2));
        double afternoon = Math.Exp(-Math.Pow((hour - 15.5) / 2.0, 2));
        double load = 0.25 + (0.75 * Math.Max(morning, afternoon));
        return beijing.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? load * 0.55 : load;
    }

    private static (string Name, long Cpu, long Mem, long Storage, double Weight) PickShape(Random random)
    {
        double roll = random.NextDouble();
        foreach (var shape in Shapes)
        {
            roll -= shape.Weight;
            if (roll <= 0)
            {
                return shape;
            }
        }

        return Shapes[0];
    }

    private static CommandResult Succeeded(Command command) => new() { CommandId = command.CommandId, Succeeded = true };

    private static ResourceVector Add(ResourceVector a, ResourceVector b) => new()
    {
        CpuMillicores = a.CpuMillicores + b.CpuMillicores,
        MemoryMib = a.MemoryMib + b.MemoryMib,
        StorageGib = a.StorageGib + b.StorageGib,
        Gpu = a.Gpu + b.Gpu,
    };

    private static CommandResult Failed(Command command, string message) => new() { CommandId = command.CommandId, Succeeded = false, Message = message };

    /// <summary>A deterministic value in [0, 1) from a seed, a name and a time bucket.</summary>
    private static double Unit(int seed, string id, long bucket)
    {
        ulong h = (ulong)StableHash(id) * 0x9E3779B97F4A7C15UL;
        h ^= (ulong)seed * 0xC2B2AE3D27D4EB4FUL;
        h ^= (ulong)bucket * 0x165667B19E3779F9UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char c in s)
            {
                h = (h ^ c) * 16777619;
            }

            return h & int.MaxValue;
        }
    }

    /// <summary>One workload of the zone; its labels are built once and shared by every report.</summary>
    private sealed record SimWorkload(string Id, string Tenant, string System, ResourceVector Requests, MlpsLevel Level, double BaseLoad, double Phase, ImmutableArray<KeyValuePair<string, string>> Labels)
    {
        public static SimWorkload FromState(SimulatedWorkloadState w) => new(
            w.Id,
            w.Tenant,
            w.System,
            new ResourceVector { CpuMillicores = w.Requests.CpuMillicores, MemoryMib = w.Requests.MemoryMib, StorageGib = w.Requests.StorageGib, Gpu = w.Requests.Gpu },
            (MlpsLevel)w.MlpsLevel,
            w.BaseLoad,
            w.Phase,
            WorkloadLabels.Sorted(w.Labels))
        {
            Policy = SimulatedZoneStateFile.ToPolicy(w.AccessPolicy),
        };

        /// <summary>The access policy the zone applies to the workload; null when none was given.</summary>
        public AccessPolicy? Policy { get; init; }

        public SimulatedWorkloadState ToState() => new()
        {
            Id = Id,
            Tenant = Tenant,
            System = System,
            Requests = new SimulatedRequests(Requests.CpuMillicores, Requests.MemoryMib, Requests.StorageGib, Requests.Gpu),
            MlpsLevel = (int)Level,
            BaseLoad = BaseLoad,
            Phase = Phase,
            Labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal),
            AccessPolicy = SimulatedZoneStateFile.FromPolicy(Policy),
        };
    }
}
