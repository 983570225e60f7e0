using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudGov.Agent.Kubernetes.Tests.Fake;

/// <summary>
/// A fake Kubernetes API server on a loopback port (Kestrel, plain HTTP, bearer token) for the endpoints the provider
/// uses: nodes, namespaces, Deployments (list, watch, get, create, delete), NetworkPolicies (list, get, create, delete)
/// and metrics.k8s.io node metrics. It speaks the real wire format: JSON objects with server-set metadata
/// (uid, resourceVersion, generation, creationTimestamp), lists with a resourceVersion, watch as a chunked stream of
/// newline-separated watch events from a resourceVersion on, Status bodies with the real codes and reasons (401
/// Unauthorized, 404 NotFound, 409 AlreadyExists, 429 TooManyRequests with Retry-After, 410 Expired as a watch ERROR
/// event). A Deployment gets its status from a simulated controller (an ADDED event without status, then MODIFIED with
/// every replica available). Faults (status codes, delays) and external changes are injected by the tests.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly WebApplication _app;
    private readonly Dictionary<string, JsonObject> _namespaces = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _nodes = [];
    private readonly Dictionary<string, (long Cpu, long Memory)> _nodeUsage = new(StringComparer.Ordinal);
    private readonly Store _deployments = new("deployments", "apps", "Deployment", "apps/v1");
    private readonly Store _networkPolicies = new("networkpolicies", "networking.k8s.io", "NetworkPolicy", "networking.k8s.io/v1");
    private readonly List<Watcher> _watchers = [];
    private readonly List<Fault> _faults = [];
    private readonly ConcurrentQueue<string> _requests = new();
    private long _resourceVersion = 1000;
    private long _compactedBelow;

    private FakeKubernetesApi(WebApplication app) => _app = app;

    /// <summary>The server's address (http://127.0.0.1:port).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The bearer token the server accepts; change it to make every request 401.</summary>
    public string Token { get; set; } = "cloudgov-agent-token";

    /// <summary>False: metrics.k8s.io is not served (404, as without metrics-server).</summary>
    public bool MetricsServed { get; set; } = true;

    /// <summary>False: created Deployments stay unavailable (no replica becomes ready).</summary>
    public bool ControllerMakesReady { get; set; } = true;

    /// <summary>Called (kind, name) as a DELETE of an existing object arrives, before the object is deleted.</summary>
    public Action<string, string>? BeforeDelete { get; set; }

    /// <summary>Every request so far as "METHOD path?query".</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>How many Deployment lists (GET of the collection without watch) the server answered.</summary>
    public int DeploymentLists => _requests.Count(r => IsDeploymentCollection(r) && !IsWatch(r));

    /// <summary>How many Deployment watches the server has been asked for.</summary>
    public int DeploymentWatches => _requests.Count(r => IsDeploymentCollection(r) && IsWatch(r));

    /// <summary>True for a request of a watch (watch=true or watch=1).</summary>
    public static bool IsWatch(string request) => request.Contains("watch=true", StringComparison.Ordinal) || request.Contains("watch=1", StringComparison.Ordinal);

    private static bool IsDeploymentCollection(string request) =>
        request.StartsWith("GET /apis/apps/v1/namespaces/", StringComparison.Ordinal) && request.Split('?')[0].EndsWith("/deployments", StringComparison.Ordinal);

    /// <summary>How many watches are streaming now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return api;
    }

    /// <summary>Writes a kubeconfig for this server (the way a cluster admin hands one out) and returns its path.</summary>
    public string WriteKubeconfig(string directory, string? token = null)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"kubeconfig-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Address.ToString().TrimEnd('/')}
            contexts:
            - name: fake-admin
              context:
                cluster: fake
                user: cloudgov-agent
                namespace: cloudgov
            current-context: fake-admin
            users:
            - name: cloudgov-agent
              user:
                token: {token ?? Token}
            """);
        return path;
    }

    public void AddNode(JsonObject node, long cpuNanocores = 0, long memoryKi = 0)
    {
        lock (_gate)
        {
            _nodes.Add(node);
            _nodeUsage[node["metadata"]!["name"]!.GetValue<string>()] = (cpuNanocores, memoryKi);
        }
    }

    public void AddNamespace(string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        lock (_gate)
        {
            _namespaces[name] = ApiObjects.Namespace(name, labels ?? new Dictionary<string, string>());
        }
    }

    /// <summary>The stored Deployment (a copy), or null.</summary>
    public JsonObject? Deployment(string ns, string name)
    {
        lock (_gate)
        {
            return _deployments.Get(ns, name)?.DeepClone().AsObject();
        }
    }

    /// <summary>The stored NetworkPolicy (a copy), or null.</summary>
    public JsonObject? NetworkPolicy(string ns, string name)
    {
        lock (_gate)
        {
            return _networkPolicies.Get(ns, name)?.DeepClone().AsObject();
        }
    }

    /// <summary>The names of the stored Deployments of a namespace.</summary>
    public IReadOnlyList<string> DeploymentNames(string ns)
    {
        lock (_gate)
        {
            return _deployments.Names(ns);
        }
    }

    /// <summary>Creates or replaces a Deployment as someone else would (kubectl apply), with every replica available; watchers see it.</summary>
    public void ApplyDeployment(string ns, JsonObject deployment, bool available = true)
    {
        lock (_gate)
        {
            string name = deployment["metadata"]!["name"]!.GetValue<string>();
            var existing = _deployments.Get(ns, name);
            Stamp(deployment, ns, existing);
            if (available)
            {
                deployment["status"] = AvailableStatus(deployment);
            }

            _deployments.Put(ns, name, deployment);
            Emit(existing is null ? "ADDED" : "MODIFIED", ns, deployment, _deployments);
        }
    }

    /// <summary>Applies a NetworkPolicy as someone else would.</summary>
    public void ApplyNetworkPolicy(string ns, JsonObject policy)
    {
        lock (_gate)
        {
            string name = policy["metadata"]!["name"]!.GetValue<string>();
            Stamp(policy, ns, _networkPolicies.Get(ns, name));
            _networkPolicies.Put(ns, name, policy);
        }
    }

    /// <summary>Deletes a Deployment as someone else would; watchers see it.</summary>
    public void DeleteDeployment(string ns, string name)
    {
        lock (_gate)
        {
            if (_deployments.Remove(ns, name) is { } removed)
            {
                removed["metadata"]!["resourceVersion"] = NextVersion();
                Emit("DELETED", ns, removed, _deployments);
            }
        }
    }

    /// <summary>
    /// Compacts the watch history (as etcd compaction does): every open watch gets a 410 Expired ERROR event and ends,
    /// and a watch from any version seen before now is answered the same way.
    /// </summary>
    public void ExpireWatches()
    {
        lock (_gate)
        {
            _compactedBelow = _resourceVersion;
            _deployments.History.Clear();
            foreach (var watcher in _watchers)
            {
                watcher.Events.Writer.TryWrite(ExpiredEvent(watcher.From));
                watcher.Events.Writer.TryComplete();
            }
        }
    }

    /// <summary>Ends every open watch abruptly (the connection drops mid-stream).</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Events.Writer.TryComplete(new IOException("connection reset"));
            }
        }
    }

    /// <summary>Answers the next <paramref name="times"/> requests matching <paramref name="match"/> ("METHOD path?query") with a failure Status.</summary>
    public void Fail(Func<string, bool> match, int status, int times = int.MaxValue) => AddFault(new Fault(match, status, TimeSpan.Zero, times));

    /// <summary>Holds the next <paramref name="times"/> matching requests for <paramref name="delay"/> (or until the client gives up) before answering.</summary>
    public void Delay(Func<string, bool> match, TimeSpan delay, int times = int.MaxValue) => AddFault(new Fault(match, 0, delay, times));

    /// <summary>Removes every injected fault.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Events.Writer.TryComplete();
            }
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void AddFault(Fault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string line = $"{request.Method} {request.Path}{request.QueryString}";
        _requests.Enqueue(line);
        Fault? fault;
        lock (_gate)
        {
            fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Match(line));
            if (fault is not null)
            {
                fault.Remaining--;
            }
        }

        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await WriteAsync(context, 401, ApiObjects.Status(401, "Unauthorized", "Unauthorized"));
            return;
        }

        if (fault is { Status: > 0 })
        {
            await WriteFaultAsync(context, fault.Status);
            return;
        }

        var segments = request.Path.Value!.Trim('/').Split('/');
        switch (segments)
        {
            case ["api", "v1", "nodes"] when HttpMethods.IsGet(request.Method):
                await WriteListAsync(context, "NodeList", "v1", Snapshot<List<JsonNode>>(() => [.. _nodes]));
                return;
            case ["api", "v1", "namespaces", var ns] when HttpMethods.IsGet(request.Method):
                var namespaceObject = Snapshot<JsonNode?>(() => _namespaces.GetValueOrDefault(ns)?.DeepClone());
                await (namespaceObject is null
                    ? WriteAsync(context, 404, ApiObjects.Status(404, "NotFound", $"namespaces \"{ns}\" not found", ApiObjects.Details(ns, "", "namespaces")))
                    : WriteAsync(context, 200, namespaceObject.AsObject()));
                return;
            case ["apis", "metrics.k8s.io", "v1beta1", "nodes"] when HttpMethods.IsGet(request.Method):
                if (!MetricsServed)
                {
                    await WriteAsync(context, 404, ApiObjects.Status(404, "NotFound", "the server could not find the requested resource", new JsonObject()));
                    return;
                }

                await WriteListAsync(context, "NodeMetricsList", "metrics.k8s.io/v1beta1", Snapshot(() => _nodeUsage.Select(u => (JsonNode)ApiObjects.NodeMetrics(u.Key, u.Value.Cpu, u.Value.Memory)).ToList()));
                return;
            case ["apis", "apps", "v1", "namespaces", var ns, "deployments", .. var rest]:
                await ServeAsync(context, _deployments, ns, rest.FirstOrDefault());
                return;
            case ["apis", "networking.k8s.io", "v1", "namespaces", var ns, "networkpolicies", .. var rest]:
                await ServeAsync(context, _networkPolicies, ns, rest.FirstOrDefault());
                return;
            default:
                await WriteAsync(context, 404, ApiObjects.Status(404, "NotFound", "the server could not find the requested resource", new JsonObject()));
                return;
        }
    }

    private async Task ServeAsync(HttpContext context, Store store, string ns, string? name)
    {
        var request = context.Request;
        if (name is null && HttpMethods.IsGet(request.Method))
        {
            string selector = request.Query["labelSelector"].ToString();
            if (request.Query["watch"] is var watch && (watch == "true" || watch == "1"))
            {
                await WatchAsync(context, store, ns, selector);
                return;
            }

            string version;
            List<JsonNode> items;
            lock (_gate)
            {
                version = _resourceVersion.ToString(CultureInfo.InvariantCulture);
                items = [.. store.List(ns).Where(o => Matches(o, selector)).Select(o => o.DeepClone())];
            }

            await WriteListAsync(context, store.Kind + "List", store.ApiVersion, items, version);
            return;
        }

        if (name is not null && HttpMethods.IsGet(request.Method))
        {
            var found = Snapshot(() => store.Get(ns, name)?.DeepClone());
            await (found is null ? WriteNotFoundAsync(context, store, name) : WriteAsync(context, 200, found.AsObject()));
            return;
        }

        if (name is null && HttpMethods.IsPost(request.Method))
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            string created = body["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
            JsonObject? answer;
            lock (_gate)
            {
                if (!_namespaces.ContainsKey(ns))
                {
                    answer = null;
                }
                else if (store.Get(ns, created) is not null)
                {
                    answer = ApiObjects.Status(409, "AlreadyExists", $"{store.Plural}.{store.Group} \"{created}\" already exists", ApiObjects.Details(created, store.Group, store.Plural));
                }
                else
                {
                    Stamp(body, ns, null);
                    body.Remove("status");
                    store.Put(ns, created, body);
                    Emit("ADDED", ns, body, store);
                    answer = body.DeepClone().AsObject();
                    if (store == _deployments && ControllerMakesReady)
                    {
                        // The deployment controller's status update, a moment later.
                        var ready = body.DeepClone().AsObject();
                        ready["metadata"]!["resourceVersion"] = NextVersion();
                        ready["status"] = AvailableStatus(ready);
                        store.Put(ns, created, ready);
                        Emit("MODIFIED", ns, ready, store);
                    }
                }
            }

            await (answer switch
            {
                null => WriteAsync(context, 404, ApiObjects.Status(404, "NotFound", $"namespaces \"{ns}\" not found", ApiObjects.Details(ns, "", "namespaces"))),
                { } status when status["kind"]?.GetValue<string>() == "Status" => WriteAsync(context, 409, status),
                _ => WriteAsync(context, 201, answer),
            });
            return;
        }

        if (name is not null && HttpMethods.IsDelete(request.Method))
        {
            if (Snapshot(() => store.Get(ns, name)) is not null)
            {
                BeforeDelete?.Invoke(store.Plural, name);
            }

            JsonObject? removed;
            lock (_gate)
            {
                removed = store.Remove(ns, name);
                if (removed is not null)
                {
                    removed["metadata"]!["resourceVersion"] = NextVersion();
                    Emit("DELETED", ns, removed, store);
                }
            }

            await (removed is null
                ? WriteNotFoundAsync(context, store, name)
                : WriteAsync(context, 200, ApiObjects.Deleted(name, store.Group, store.Plural, removed["metadata"]!["uid"]!.GetValue<string>())));
            return;
        }

        await WriteAsync(context, 405, ApiObjects.Status(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"));
    }

    private async Task WatchAsync(HttpContext context, Store store, string ns, string selector)
    {
        var request = context.Request;
        long from = long.TryParse(request.Query["resourceVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : 0;
        int timeoutSeconds = int.TryParse(request.Query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out int t) ? t : 1800;
        var watcher = new Watcher(ns, selector, from, Channel.CreateUnbounded<string>());
        var backlog = new List<string>();
        lock (_gate)
        {
            if (from < _compactedBelow)
            {
                backlog.Add(ExpiredEvent(from));
                watcher.Events.Writer.TryComplete();
            }
            else
            {
                if (from == 0)
                {
                    backlog.AddRange(store.List(ns).Where(o => Matches(o, selector)).Select(o => Event("ADDED", o)));
                }
                else
                {
                    backlog.AddRange(store.History.Where(e => e.Version > from && e.Namespace == ns && Matches(e.Object, selector)).Select(e => e.Line));
                }

                if (store == _deployments)
                {
                    _watchers.Add(watcher);
                }
                else
                {
                    watcher.Events.Writer.TryComplete();
                }
            }
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.StartAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            foreach (var line in backlog)
            {
                await response.WriteAsync(line + "\n", timeout.Token);
            }

            await response.Body.FlushAsync(timeout.Token);
            await foreach (var line in watcher.Events.Reader.ReadAllAsync(timeout.Token))
            {
                await response.WriteAsync(line + "\n", timeout.Token);
                await response.Body.FlushAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch's timeout, or the client went away.
        }
        catch (IOException)
        {
            // DropWatches: end the connection mid-stream.
            context.Abort();
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    /// <summary>Sets what the server sets on a stored object: namespace, uid, resourceVersion, generation, creationTimestamp.</summary>
    private void Stamp(JsonObject o, string ns, JsonObject? existing)
    {
        var meta = o["metadata"]?.AsObject() ?? [];
        o["metadata"] = meta;
        meta["namespace"] = ns;
        meta["uid"] = existing?["metadata"]?["uid"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        meta["resourceVersion"] = NextVersion();
        meta["generation"] = (Long(existing?["metadata"]?["generation"]) ?? 0) + 1;
        meta["creationTimestamp"] = existing?["metadata"]?["creationTimestamp"]?.GetValue<string>() ?? DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private static JsonObject AvailableStatus(JsonObject deployment)
    {
        long replicas = Long(deployment["spec"]?["replicas"]) ?? 1;
        return new JsonObject
        {
            ["observedGeneration"] = Long(deployment["metadata"]!["generation"]),
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable", ["message"] = "ReplicaSet has successfully progressed." }),
        };
    }

    /// <summary>A JSON number, whether parsed from the wire or set in memory.</summary>
    private static long? Long(JsonNode? node) => node is null ? null : long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private string NextVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    /// <summary>Records a watch event (under the lock) and sends it to the watchers it matches.</summary>
    private void Emit(string type, string ns, JsonObject o, Store store)
    {
        string line = Event(type, o);
        long version = long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        store.History.Add(new HistoryEntry(version, ns, o.DeepClone().AsObject(), line));
        if (store != _deployments)
        {
            return;
        }

        foreach (var watcher in _watchers)
        {
            if (watcher.Namespace == ns && Matches(o, watcher.Selector))
            {
                watcher.Events.Writer.TryWrite(line);
            }
        }
    }

    private static string Event(string type, JsonNode o) => new JsonObject { ["type"] = type, ["object"] = o.DeepClone() }.ToJsonString();

    private string ExpiredEvent(long from) =>
        Event("ERROR", ApiObjects.Status(410, "Expired", $"too old resource version: {from} ({_compactedBelow})"));

    /// <summary>Equality-based label selectors (k=v,k2=v2), as the provider sends.</summary>
    private static bool Matches(JsonNode o, string selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return true;
        }

        var labels = o["metadata"]?["labels"]?.AsObject();
        foreach (var term in selector.Split(','))
        {
            var parts = term.Split('=', 2);
            if (parts.Length != 2 || labels?[parts[0]]?.GetValue<string>() != parts[1])
            {
                return false;
            }
        }

        return true;
    }

    private T Snapshot<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private static Task WriteNotFoundAsync(HttpContext context, Store store, string name) =>
        WriteAsync(context, 404, ApiObjects.Status(404, "NotFound", $"{store.Plural}.{store.Group} \"{name}\" not found", ApiObjects.Details(name, store.Group, store.Plural)));

    private static Task WriteFaultAsync(HttpContext context, int status)
    {
        switch (status)
        {
            case 429:
                context.Response.Headers.RetryAfter = "1";
                return WriteAsync(context, 429, ApiObjects.Status(429, "TooManyRequests", "Too many requests, please try again later.", new JsonObject { ["retryAfterSeconds"] = 1 }));
            case 403:
                return WriteAsync(context, 403, ApiObjects.Status(403, "Forbidden", "nodes is forbidden: User \"system:serviceaccount:cloudgov:agent\" cannot list resource \"nodes\" in API group \"\" at the cluster scope", new JsonObject { ["kind"] = "nodes" }));
            case 401:
                return WriteAsync(context, 401, ApiObjects.Status(401, "Unauthorized", "Unauthorized"));
            default:
                return WriteAsync(context, status, ApiObjects.Status(status, "InternalError", "Internal error occurred: injected fault"));
        }
    }

    private static Task WriteListAsync(HttpContext context, string kind, string apiVersion, IEnumerable<JsonNode> items, string version = "1042") =>
        WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version },
            ["items"] = new JsonArray([.. items.Select(i => i.DeepClone())]),
        });

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private sealed record HistoryEntry(long Version, string Namespace, JsonObject Object, string Line);

    private sealed record Watcher(string Namespace, string Selector, long From, Channel<string> Events);

    private sealed class Fault(Func<string, bool> match, int status, TimeSpan delay, int times)
    {
        public Func<string, bool> Match { get; } = match;

        public int Status { get; } = status;

        public TimeSpan Delay { get; } = delay;

        public int Remaining { get; set; } = times;
    }

    /// <summary>One resource type's objects by namespace and name, with its watch history.</summary>
    private sealed class Store(string plural, string group, string kind, string apiVersion)
    {
        private readonly SortedDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);

        public string Plural { get; } = plural;

        public string Group { get; } = group;

        public string Kind { get; } = kind;

        public string ApiVersion { get; } = apiVersion;

        public List<HistoryEntry> History { get; } = [];

        public JsonObject? Get(string ns, string name) => _objects.GetValueOrDefault($"{ns}/{name}");

        public void Put(string ns, string name, JsonObject o) => _objects[$"{ns}/{name}"] = o;

        public JsonObject? Remove(string ns, string name) => _objects.Remove($"{ns}/{name}", out var o) ? o : null;

        public IEnumerable<JsonObject> List(string ns) => _objects.Where(p => p.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(p => p.Value);

        public IReadOnlyList<string> Names(string ns) => [.. List(ns).Select(o => o["metadata"]!["name"]!.GetValue<string>())];
    }
}
