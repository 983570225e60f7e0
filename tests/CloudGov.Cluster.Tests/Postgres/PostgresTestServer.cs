using CloudGov.Testing.Postgres;

namespace CloudGov.Cluster.Tests.Postgres;

/// <summary>One private PostgreSQL 15 for the cluster tests; every test makes its own database (and cluster id).</summary>
[SetUpFixture]
public sealed class PostgresTestServer
{
    private static PostgresServer? _server;

    public static PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL was not started.");

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await PostgresServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
