using NUnit.Framework;

namespace CloudGov.Testing.Postgres;

/// <summary>
/// One PostgreSQL server for every test below a namespace: derive one <c>[SetUpFixture]</c> per test project from this
/// class in that namespace (the server is held in a static), and each test makes its own databases with <see cref="Server"/>.<see cref="PostgresServer.CreateDatabaseAsync"/>.
/// <c>CLOUDGOV_TEST_PG</c> points it at a running server instead (see <see cref="PostgresServer.StartAsync"/>).
/// </summary>
public abstract class SharedPostgresServer
{
    private static PostgresServer? _server;

    /// <summary>The server started for this test run.</summary>
    public static PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL was not started: is a [SetUpFixture] derived from SharedPostgresServer in the test's namespace?");

    /// <summary>Starts (or connects to) the server before the first test of the namespace.</summary>
    [OneTimeSetUp]
    public async Task StartPostgresAsync() => _server = await PostgresServer.StartAsync();

    /// <summary>Stops a private server after the last test of the namespace.</summary>
    [OneTimeTearDown]
    public async Task StopPostgresAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
