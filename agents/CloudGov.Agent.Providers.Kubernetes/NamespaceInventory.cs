using k8s;
using k8s.Models;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// CloudGov's Deployments in one namespace, kept current by list + watch: listed once, then every watch event (from
/// the list's resourceVersion on) updates the copy, so observations read it without listing. A watch the server ends
/// normally resumes from the last resourceVersion; a 410 Gone (the version was compacted) lists again and watches from
/// the new list; any other watch failure marks the copy stale, so the next observation lists (the slow path) and starts
/// a new watch. The list is repeated every <see cref="KubernetesZoneOptions.ResyncInterval"/> as a safety net.
/// </summary>
internal sealed class NamespaceInventory(string ns, IKubernetes client, KubernetesZoneOptions options, TimeProvider time, ILogger logger, CancellationToken stopping)
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _listing = new(1, 1);
    private readonly Dictionary<string, V1Deployment> _items = new(StringComparer.Ordinal);
    private string? _resourceVersion;
    private bool _current;
    private DateTimeOffset _listedAt;
    private int _generation;
    private CancellationTokenSource? _watch;
    private Task _watchTask = Task.CompletedTask;

    /// <summary>The namespace.</summary>
    public string Namespace => ns;

    /// <summary>Why the last watch failed, until a list replaces it; null while the watch is healthy.</summary>
    public string? WatchProblem { get; private set; }

    /// <summary>True while a watch is running for the current copy.</summary>
    public bool Watching
    {
        get
        {
            lock (_gate)
            {
                return _current && !_watchTask.IsCompleted;
            }
        }
    }

    /// <summary>The Deployments now, listing first when the copy is not current (first use, a failed watch, resync due).</summary>
    /// <exception cref="Exception">The list failed (the API's exception, after the client's retries).</exception>
    public async Task<IReadOnlyList<V1Deployment>> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (!IsCurrent())
        {
            await _listing.WaitAsync(cancellationToken);
            try
            {
                if (!IsCurrent())
                {
                    string version = await ListAsync(cancellationToken);
                    StartWatch(version);
                }
            }
            finally
            {
                _listing.Release();
            }
        }

        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>Stops the watch and waits for it to end.</summary>
    public async Task StopAsync()
    {
        Task task;
        lock (_gate)
        {
            _watch?.Cancel();
            task = _watchTask;
        }

        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool IsCurrent()
    {
        lock (_gate)
        {
            return _current && time.GetUtcNow() - _listedAt < options.ResyncInterval;
        }
    }

    /// <summary>Lists the namespace's CloudGov Deployments and replaces the copy; returns the list's resourceVersion.</summary>
    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: ManagedObjects.Selector, cancellationToken: cancellationToken);
        string version = list.Metadata?.ResourceVersion ?? string.Empty;
        lock (_gate)
        {
            _generation++;
            _items.Clear();
            foreach (var deployment in list.Items ?? [])
            {
                _items[deployment.Metadata.Name] = deployment;
            }

            _resourceVersion = version;
            _current = true;
            _listedAt = time.GetUtcNow();
            WatchProblem = null;
        }

        KubernetesLog.Listed(logger, ns, list.Items?.Count ?? 0, version);
        return version;
    }

    private void StartWatch(string version)
    {
        lock (_gate)
        {
            _watch?.Cancel();
            _watch = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            int generation = _generation;
            var token = _watch.Token;
            _watchTask = Task.Run(() => WatchAsync(version, generation, token), CancellationToken.None);
        }
    }

    private async Task WatchAsync(string version, int generation, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Exception? error = null;
                var events = client.AppsV1.WatchListNamespacedDeploymentAsync(
                    ns,
                    allowWatchBookmarks: true,
                    labelSelector: ManagedObjects.Selector,
                    resourceVersion: version,
                    timeoutSeconds: (int)Math.Ceiling(options.WatchTimeout.TotalSeconds),
                    onError: e => error ??= e,
                    cancellationToken: cancellationToken);
                await foreach (var (type, deployment) in events)
                {
                    if (!Apply(type, deployment, generation))
                    {
                        return;
                    }

                    version = deployment.Metadata?.ResourceVersion ?? version;
                }

                if (error is KubernetesException { Status.Code: 410 })
                {
                    // The resourceVersion was compacted away: what happened since is unknown, so list again and watch from there.
                    KubernetesLog.WatchGone(logger, ns);
                    await _listing.WaitAsync(cancellationToken);
                    try
                    {
                        version = await ListAsync(cancellationToken);
                        lock (_gate)
                        {
                            generation = _generation;
                        }
                    }
                    finally
                    {
                        _listing.Release();
                    }

                    continue;
                }

                if (error is not null)
                {
                    Fail(generation, error);
                    return;
                }

                // The server ended the watch (its timeout): resume from the last version seen.
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Fail(generation, ex);
        }
    }

    /// <summary>Applies one event to the copy; false when the copy has been replaced since this watch started.</summary>
    private bool Apply(WatchEventType type, V1Deployment deployment, int generation)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return false;
            }

            string? name = deployment.Metadata?.Name;
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified when name is not null:
                    _items[name] = deployment;
                    break;
                case WatchEventType.Deleted when name is not null:
                    _items.Remove(name);
                    break;
            }

            _resourceVersion = deployment.Metadata?.ResourceVersion ?? _resourceVersion;
            return true;
        }
    }

    private void Fail(int generation, Exception error)
    {
        string reason = KubernetesErrors.Reason($"watch deployments in {ns}", error);
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            _current = false;
            WatchProblem = reason;
        }

        KubernetesLog.WatchFailed(logger, ns, reason);
    }
}
