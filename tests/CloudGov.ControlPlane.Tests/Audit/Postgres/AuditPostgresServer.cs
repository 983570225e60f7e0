using CloudGov.Testing.Postgres;

namespace CloudGov.ControlPlane.Tests.Audit.Postgres;

/// <summary>Starts the shared PostgreSQL server for the audit tests in this namespace.</summary>
[SetUpFixture]
public sealed class AuditPostgresServer : SharedPostgresServer;
