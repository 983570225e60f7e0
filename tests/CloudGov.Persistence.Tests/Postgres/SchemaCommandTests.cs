using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Persistence.Postgres;

namespace CloudGov.Persistence.Tests.Postgres;

[TestFixture]
public sealed class SchemaCommandTests
{
    [Test]
    public async Task RunAsync_ApplyPostgres_AppliesAndReturnsZero()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("command");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await SchemaCommand.RunAsync(["schema", "apply", "--postgres", database], output, error, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(SchemaCommand.Success), error.ToString());
        Assert.That(output.ToString(), Does.Contain($"schema version {PostgresSchema.Version} applied"));
        Assert.That(await PostgresSchemaTests.ScalarAsync<long>(database, "SELECT count(*) FROM OrleansQuery;"),
            Is.EqualTo(PostgresSchema.Queries.Count));
    }

    [Test]
    public async Task RunAsync_UnreachableServer_ReturnsOneWithMessage()
    {
        var error = new StringWriter();

        var exit = await SchemaCommand.RunAsync(
            ["schema", "apply", "--postgres", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2"], new StringWriter(), error, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(SchemaCommand.Failure));
        Assert.That(error.ToString(), Does.Contain("schema apply failed"));
    }

    [Test]
    public async Task RunAsync_MissingConnectionString_ReturnsUsage()
    {
        var error = new StringWriter();

        var exit = await SchemaCommand.RunAsync(["schema", "apply"], new StringWriter(), error, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(SchemaCommand.Usage));
        Assert.That(error.ToString(), Does.Contain("usage:"));
    }

    [Test]
    public async Task RunAsync_Print_WritesEveryQuery()
    {
        var output = new StringWriter();

        var exit = await SchemaCommand.RunAsync(["schema", "print"], output, new StringWriter(), CancellationToken.None);

        Assert.That(exit, Is.EqualTo(SchemaCommand.Success));
        Assert.That(PostgresSchema.Queries.Keys, Is.All.Matches<string>(key => output.ToString().Contains($"'{key}'", StringComparison.Ordinal)));
    }
}
