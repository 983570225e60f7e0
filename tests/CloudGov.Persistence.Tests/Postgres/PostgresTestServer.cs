using CloudGov.Testing.Postgres;

namespace CloudGov.Persistence.Tests.Postgres;

/// <summary>One PostgreSQL server for every test in this namespace; each test fixture makes its own databases.</summary>
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
