using CloudGov.Testing.Postgres;

namespace CloudGov.Cluster.Tests.Postgres;

/// <summary>Starts the shared PostgreSQL server for the tests in this namespace (<see cref="SharedPostgresServer"/>).</summary>
[SetUpFixture]
public sealed class PostgresTestServer : SharedPostgresServer;
