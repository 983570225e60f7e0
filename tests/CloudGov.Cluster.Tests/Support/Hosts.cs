namespace CloudGov.Cluster.Tests.Support;

/// <summary>Control-plane processes started by one test; every one is killed at the end, also when the test fails.</summary>
internal sealed class Hosts : IAsyncDisposable
{
    private readonly List<HostProcess> _all = [];

    /// <summary>Zone settings that make agents report every 200 ms and zones flush utilization every 500 ms.</summary>
    public static Dictionary<string, string?> FastZones() => new()
    {
        ["Zones:ReportInterval"] = "00:00:00.200",
        ["Zones:StalenessWindow"] = "00:00:10",
        ["Zones:StateFlushInterval"] = "00:00:00.500",
        ["Zones:IndexPublishInterval"] = "00:00:00.200",

        // Records a shard had not written when its host died come back with the zones' next full resync.
        ["Ledger:ResyncInterval"] = "00:00:05",
    };

    /// <summary>Settings of a cluster host on PostgreSQL on fresh ports.</summary>
    public static Dictionary<string, string?> PostgresHost(string connectionString, string clusterId, IDictionary<string, string?>? extra = null)
    {
        var overrides = FastZones();
        overrides["Storage:Mode"] = "Postgres";
        overrides["Storage:PostgresConnectionString"] = connectionString;
        overrides["Storage:ClusterId"] = clusterId;
        overrides["Storage:ServiceId"] = clusterId;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        return HostProcess.FreshSettings(overrides);
    }

    /// <summary>Starts a host and tracks it.</summary>
    public async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string name)
    {
        var host = await HostProcess.StartAsync(settings, name);
        lock (_all)
        {
            _all.Add(host);
        }

        return host;
    }

    /// <summary>Starts several hosts at once (the first one alone, so it founds the cluster and applies the schema).</summary>
    public async Task<HostProcess[]> StartClusterAsync(IReadOnlyList<Dictionary<string, string?>> settings, string prefix)
    {
        var first = await StartAsync(settings[0], $"{prefix}-0");
        var rest = await Task.WhenAll(settings.Skip(1).Select((s, i) => StartAsync(s, $"{prefix}-{i + 1}")));
        return [first, .. rest];
    }

    /// <summary>The logs of every host, for failure messages.</summary>
    public string Logs(int tail = 4000)
    {
        lock (_all)
        {
            return string.Join("\n", _all.Select(h =>
            {
                var log = h.ReadLog();
                return $"===== {h} =====\n{(log.Length <= tail ? log : log[^tail..])}";
            }));
        }
    }

    public async ValueTask DisposeAsync()
    {
        HostProcess[] all;
        lock (_all)
        {
            all = [.. _all];
            _all.Clear();
        }

        foreach (var host in all)
        {
            await host.DisposeAsync();
        }
    }
}
