using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// A zone that is a Kubernetes cluster. Capacity: the allocatable resources of its Ready nodes. Usage: metrics.k8s.io
/// node metrics where the cluster serves them (otherwise unknown, reported as zero with the posture fact
/// <c>k8s.metrics_api=absent</c>). Workloads: the Deployments labelled <c>app.kubernetes.io/managed-by=cloudgov</c> in
/// the configured namespaces, kept current by a watch; each with its requests (pod template × replicas), state (from
/// its status), labels (intent) and access policy (read back from its NetworkPolicy). Posture: Pod Security admission
/// on the namespaces, privileged containers, NetworkPolicy coverage, ports open to the world. Place creates the
/// NetworkPolicy then the Deployment (each: create, or take the existing one of that name); remove deletes both.
/// An API failure (after the client's retries) makes the observation Degraded with the reason — the last good
/// inventory is kept — and fails a command with the reason; it never escapes.
/// </summary>
public sealed class KubernetesZoneProvider : IZoneProvider, IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly KubernetesZoneOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IReadOnlyList<NamespaceInventory> _inventories;
    private readonly SemaphoreSlim _observing = new(1, 1);
    private ZoneObservation? _lastGood;
    private bool _metricsAbsentLogged;
    private int _disposed;

    /// <summary>A provider for the configured cluster.</summary>
    public KubernetesZoneProvider(IOptions<KubernetesZoneOptions> options, TimeProvider time, ILogger<KubernetesZoneProvider> logger)
        : this(KubernetesClientFactory.Create(options.Value), options.Value, time, logger)
    {
    }

    internal KubernetesZoneProvider(IKubernetes client, KubernetesZoneOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _inventories = [.. options.EffectiveNamespaces.Select(ns => new NamespaceInventory(ns, client, options, time, logger, _stopping.Token))];
    }

    /// <inheritdoc />
    public ProviderKind Kind => ProviderKind.Kubernetes;

    /// <summary>True while every namespace's Deployments are kept current by a running watch.</summary>
    internal bool Watching => _inventories.All(i => i.Watching);

    /// <inheritdoc />
    public async ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _observing.WaitAsync(cancellationToken);
        string step = "list nodes";
        try
        {
            var nodes = await _client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
            var ready = nodes.Items.Where(IsReady).ToList();
            var capacity = ready.Aggregate(new ResourceVector(), (sum, node) => KubernetesResources.Add(sum, KubernetesResources.ToVector(node.Status?.Allocatable)));

            step = "read node metrics (metrics.k8s.io)";
            var (usage, metricsServed) = await UsageAsync(ready, cancellationToken);

            var reports = new List<WorkloadReport>();
            int privileged = 0, uncovered = 0, policies = 0, unenforced = 0;
            int weakest = int.MaxValue;
            var worldPorts = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var inventory in _inventories)
            {
                string ns = inventory.Namespace;
                step = $"list deployments in {ns}";
                var deployments = await inventory.SnapshotAsync(cancellationToken);

                step = $"read namespace {ns}";
                string? enforce = await EnforceLevelAsync(ns, cancellationToken);
                int rank = Rank(enforce);
                weakest = Math.Min(weakest, rank);
                unenforced += rank == 0 ? 1 : 0;

                step = $"list networkpolicies in {ns}";
                var networkPolicies = (await _client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, cancellationToken: cancellationToken)).Items ?? [];
                policies += networkPolicies.Count;
                foreach (var deployment in deployments.OrderBy(d => d.Metadata.Name, StringComparer.Ordinal))
                {
                    var podLabels = deployment.Spec?.Template?.Metadata?.Labels;
                    var own = networkPolicies.FirstOrDefault(p => p.Metadata.Name == deployment.Metadata.Name
                        && ManagedObjects.Get(p.Metadata.Labels, ManagedObjects.ManagedByKey) == ManagedObjects.ManagedByValue);
                    if (!networkPolicies.Any(p => AccessPolicies.Selects(p, podLabels)))
                    {
                        uncovered++;
                    }

                    privileged += WorkloadReports.PrivilegedContainers(deployment);
                    var report = WorkloadReports.From(deployment, own, out var problem);
                    if (report is null)
                    {
                        KubernetesLog.Unreportable(_logger, ns, deployment.Metadata.Name, problem ?? "unknown");
                        continue;
                    }

                    AddWorldPorts(report.AccessPolicy, worldPorts);
                    reports.Add(report);
                }
            }

            var posture = new List<PostureFact>
            {
                Fact(KubernetesPostureKeys.PrivilegedContainers, privileged.ToString(CultureInfo.InvariantCulture)),
                Fact(KubernetesPostureKeys.PodSecurityEnforce, LevelName(weakest == int.MaxValue ? 0 : weakest)),
                Fact(KubernetesPostureKeys.NamespacesWithoutPodSecurity, unenforced.ToString(CultureInfo.InvariantCulture)),
                Fact(KubernetesPostureKeys.NetworkPolicies, policies.ToString(CultureInfo.InvariantCulture)),
                Fact(KubernetesPostureKeys.WorkloadsWithoutNetworkPolicy, uncovered.ToString(CultureInfo.InvariantCulture)),
                Fact(KubernetesPostureKeys.WorldOpenPorts, WorldPortsText(worldPorts)),
                Fact(KubernetesPostureKeys.MetricsApi, metricsServed ? "served" : "absent"),
                Fact(KubernetesPostureKeys.Watch, Watching ? "watching" : "listing"),
            };
            var observation = new ZoneObservation(capacity, usage, reports, posture, Degraded: false);
            _lastGood = observation;
            return observation;
        }
        catch (Exception ex) when (KubernetesErrors.IsApiFailure(ex, cancellationToken))
        {
            string reason = KubernetesErrors.Reason(step, ex);
            KubernetesLog.Degraded(_logger, reason);
            var last = _lastGood;
            return last is null
                ? new ZoneObservation(new ResourceVector(), new ResourceVector(), [], [], Degraded: true, reason)
                : last with { Degraded = true, DegradedReason = reason };
        }
        finally
        {
            _observing.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        var spec = command.Workload;
        if (spec is null || string.IsNullOrEmpty(spec.WorkloadId))
        {
            return Failed(command, "the command has no workload");
        }

        string ns = _inventories[0].Namespace;
        string name = KubernetesNames.ObjectName(spec.WorkloadId);
        string step = command.Kind.ToString();
        try
        {
            switch (command.Kind)
            {
                case CommandKind.Place:
                    if (WorkloadManifests.Problem(spec) is { } problem)
                    {
                        return Failed(command, $"cannot create {Excerpt(spec.WorkloadId)} in Kubernetes namespace {ns}: {problem}");
                    }

                    // The NetworkPolicy first, so the workload's pods never run without their access policy.
                    if (spec.AccessPolicy is { } policy)
                    {
                        step = $"create networkpolicy {ns}/{name}";
                        var applied = await CreateOrGetAsync(
                            () => _client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(WorkloadManifests.NetworkPolicy(policy, name, ns), ns, cancellationToken: cancellationToken),
                            () => _client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(name, ns, cancellationToken: cancellationToken),
                            "NetworkPolicy",
                            ns,
                            name);
                        if (ManagedObjects.Get(applied.Metadata.Labels, ManagedObjects.ManagedByKey) != ManagedObjects.ManagedByValue)
                        {
                            return Failed(command, $"Kubernetes networkpolicy {ns}/{name} exists and is not managed by CloudGov; rename or remove it");
                        }
                    }

                    step = $"create deployment {ns}/{name}";
                    var deployment = await CreateOrGetAsync(
                        () => _client.AppsV1.CreateNamespacedDeploymentAsync(WorkloadManifests.Deployment(spec, name, ns, _options.Image), ns, cancellationToken: cancellationToken),
                        () => _client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken),
                        "Deployment",
                        ns,
                        name);
                    string? owner = ManagedObjects.Get(deployment.Metadata.Annotations, ManagedObjects.WorkloadIdAnnotation);
                    if (ManagedObjects.Get(deployment.Metadata.Labels, ManagedObjects.ManagedByKey) != ManagedObjects.ManagedByValue || (owner is not null && owner != spec.WorkloadId))
                    {
                        return Failed(command, $"Kubernetes deployment {ns}/{name} exists and belongs to another workload or is not managed by CloudGov");
                    }

                    return Succeeded(command);
                case CommandKind.Remove:
                    step = $"delete deployment {ns}/{name}";
                    await DeleteAsync(() => _client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: cancellationToken), "Deployment", ns, name);
                    step = $"delete networkpolicy {ns}/{name}";
                    await DeleteAsync(() => _client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(name, ns, cancellationToken: cancellationToken), "NetworkPolicy", ns, name);
                    return Succeeded(command);
                default:
                    return Failed(command, $"command kind {command.Kind} is not supported by the Kubernetes provider");
            }
        }
        catch (Exception ex) when (KubernetesErrors.IsApiFailure(ex, cancellationToken))
        {
            string reason = KubernetesErrors.Reason(step, ex);
            KubernetesLog.CommandFailed(_logger, command.CommandId, reason);
            return Failed(command, reason);
        }
    }

    /// <summary>Stops the watches and releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per registration (as itself and as IZoneProvider).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        foreach (var inventory in _inventories)
        {
            await inventory.StopAsync();
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task<T> CreateOrGetAsync<T>(Func<Task<T>> create, Func<Task<T>> read, string kind, string ns, string name)
    {
        try
        {
            var created = await create();
            KubernetesLog.Applied(_logger, kind, ns, name, "created");
            return created;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // 409 AlreadyExists: a place carried out before (or retried after a lost answer); take what is there.
            KubernetesLog.Applied(_logger, kind, ns, name, "already exists");
            return await read();
        }
    }

    private async Task DeleteAsync(Func<Task<V1Status>> delete, string kind, string ns, string name)
    {
        try
        {
            await delete();
            KubernetesLog.Applied(_logger, kind, ns, name, "deleted");
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // 404 NotFound: already gone.
        }
    }

    private async Task<(ResourceVector Usage, bool Served)> UsageAsync(IReadOnlyList<V1Node> ready, CancellationToken cancellationToken)
    {
        NodeMetricsList metrics;
        try
        {
            metrics = await _client.GetKubernetesNodesMetricsAsync().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (KubernetesErrors.IsApiFailure(ex, cancellationToken) && KubernetesErrors.StatusOf(ex) is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable)
        {
            // The cluster does not serve metrics.k8s.io (no metrics-server, or its APIService is unavailable): usage is unknown.
            if (!_metricsAbsentLogged)
            {
                _metricsAbsentLogged = true;
                KubernetesLog.MetricsAbsent(_logger, KubernetesErrors.Reason("read node metrics", ex));
            }

            return (new ResourceVector(), false);
        }

        var names = ready.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var usage = new ResourceVector();
        foreach (var node in metrics.Items ?? [])
        {
            if (names.Contains(node.Metadata?.Name ?? string.Empty))
            {
                usage = KubernetesResources.Add(usage, KubernetesResources.ToVector(node.Usage));
            }
        }

        return (usage, true);
    }

    private async Task<string?> EnforceLevelAsync(string ns, CancellationToken cancellationToken)
    {
        try
        {
            var namespaceObject = await _client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: cancellationToken);
            return ManagedObjects.Get(namespaceObject.Metadata?.Labels, KubernetesPostureKeys.PodSecurityEnforceLabel);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true && node.Spec?.Unschedulable != true;

    /// <summary>Pod Security levels from weakest: unlabelled (0), privileged, baseline, restricted.</summary>
    private static int Rank(string? level) => level switch
    {
        "privileged" => 1,
        "baseline" => 2,
        "restricted" => 3,
        _ => 0,
    };

    private static string LevelName(int rank) => rank switch
    {
        1 => "privileged",
        2 => "baseline",
        3 => "restricted",
        _ => "none",
    };

    private static void AddWorldPorts(AccessPolicy? policy, SortedSet<string> ports)
    {
        foreach (var rule in policy?.Ingress ?? [])
        {
            if (rule.Protocol != AccessProtocol.Tcp || rule.SourceCidr is not ("0.0.0.0/0" or "::/0"))
            {
                continue;
            }

            if (rule.PortFrom == rule.PortTo)
            {
                ports.Add(rule.PortFrom.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            ports.Add(string.Create(CultureInfo.InvariantCulture, $"{rule.PortFrom}-{rule.PortTo}"));
            foreach (uint management in (uint[])[22, 3389])
            {
                if (management >= rule.PortFrom && management <= rule.PortTo)
                {
                    ports.Add(management.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private static string WorldPortsText(SortedSet<string> ports)
    {
        if (ports.Count == 0)
        {
            return "none";
        }

        // Management ports first, so a cut (past 1,024 characters) never hides them.
        var ordered = ports.Where(p => p is "22" or "3389").Concat(ports.Where(p => p is not ("22" or "3389")));
        var text = new System.Text.StringBuilder();
        foreach (var port in ordered)
        {
            if (text.Length + port.Length + 1 > 1024)
            {
                break;
            }

            text.Append(text.Length == 0 ? string.Empty : ",").Append(port);
        }

        return text.ToString();
    }

    private static PostureFact Fact(string key, string value) => new() { Key = key, Value = value };

    private static CommandResult Succeeded(Command command) => new() { CommandId = command.CommandId, Succeeded = true };

    private static CommandResult Failed(Command command, string message) => new()
    {
        CommandId = command.CommandId,
        Succeeded = false,
        Message = message.Length <= 1024 ? message : message[..1023] + "…",
    };

    private static string Excerpt(string s) =>
        new([.. (s.Length <= 32 ? s : s[..32] + "…").Select(c => char.IsControl(c) ? '?' : c)]);
}
