using NUnit.Framework.Interfaces;

namespace CloudGov.Cluster.Tests.Support;

/// <summary>
/// The set-up every real-process cluster test shares: fresh <see cref="Hosts"/> and <see cref="Agents"/> per test, and
/// a tear-down that stops the agents and whatever else talks to the hosts, writes the hosts' logs (and any other
/// diagnostics a test registered) when the test failed, kills the hosts, then releases what lies under them
/// (databases, readers) — also when the test fails half-way.
/// </summary>
public abstract class ClusterTest
{
    private readonly List<IAsyncDisposable> _clients = [];
    private readonly List<IAsyncDisposable> _backends = [];
    private readonly List<Func<string>> _diagnostics = [];
    private StoredZones? _stored;

    /// <summary>The control-plane processes of this test.</summary>
    private protected Hosts Hosts { get; private set; } = null!;

    /// <summary>The real zone agents of this test.</summary>
    private protected Agents Agents { get; private set; } = null!;

    /// <summary>A reader of zone state straight from PostgreSQL, made on first use.</summary>
    private protected StoredZones Stored => _stored ??= new StoredZones();

    [SetUp]
    public void SetUpCluster()
    {
        Hosts = new Hosts();
        Agents = new Agents();
    }

    [TearDown]
    public async Task TearDownClusterAsync()
    {
        await Agents.DisposeAsync();
        foreach (var client in Enumerable.Reverse(_clients))
        {
            await client.DisposeAsync();
        }

        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            await TestContext.Out.WriteLineAsync(Hosts.Logs());
            foreach (var diagnostic in _diagnostics)
            {
                await TestContext.Out.WriteLineAsync(diagnostic());
            }
        }

        await Hosts.DisposeAsync();
        _stored?.Dispose();
        _stored = null;
        foreach (var backend in Enumerable.Reverse(_backends))
        {
            await backend.DisposeAsync();
        }

        _clients.Clear();
        _backends.Clear();
        _diagnostics.Clear();
    }

    /// <summary>Stops <paramref name="client"/> (something that talks to the hosts, like agents) before the hosts at tear-down.</summary>
    private protected T Client<T>(T client)
        where T : IAsyncDisposable
    {
        _clients.Add(client);
        return client;
    }

    /// <summary>Disposes <paramref name="backend"/> (something the hosts stand on, like a database server) after the hosts at tear-down.</summary>
    private protected T Backend<T>(T backend)
        where T : IAsyncDisposable
    {
        _backends.Add(backend);
        return backend;
    }

    /// <summary>Adds text written after the hosts' logs when the test fails.</summary>
    private protected void OnFailureWrite(Func<string> diagnostic) => _diagnostics.Add(diagnostic);
}
