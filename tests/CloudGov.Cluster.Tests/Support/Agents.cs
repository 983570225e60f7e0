namespace CloudGov.Cluster.Tests.Support;

/// <summary>Real zone agents (in process) and their clean-up.</summary>
internal sealed class Agents : IAsyncDisposable
{
    public const int WorkloadsPerZone = 25;

    private readonly Dictionary<string, AgentProcess> _agents = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, AgentProcess> ByZone => _agents;

    /// <summary>Starts an agent for <paramref name="zoneId"/> that rotates through <paramref name="addresses"/>, starting with the first.</summary>
    public async Task<AgentProcess> StartAsync(string zoneId, IReadOnlyList<Uri> addresses)
    {
        var settings = AgentProcess.ZoneSettings(addresses[0], zoneId, WorkloadsPerZone);
        for (int i = 0; i < addresses.Count; i++)
        {
            settings[$"Agent:ControlPlaneAddresses:{i}"] = addresses[i].ToString();
        }

        var agent = await AgentProcess.StartAsync(settings);
        _agents.Add(zoneId, agent);
        return agent;
    }

    /// <summary>Addresses rotated so that agent number <paramref name="index"/> starts at host <c>index % count</c>.</summary>
    public static IReadOnlyList<Uri> Rotated(IReadOnlyList<HostProcess> hosts, int index) =>
        [.. Enumerable.Range(0, hosts.Count).Select(k => hosts[(index + k) % hosts.Count].AgentAddress)];

    /// <summary>Stops every agent.</summary>
    public async ValueTask DisposeAsync()
    {
        var agents = _agents.Values.ToArray();
        _agents.Clear();
        await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
    }
}
