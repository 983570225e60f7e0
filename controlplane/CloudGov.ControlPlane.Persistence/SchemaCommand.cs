using Npgsql;

namespace CloudGov.ControlPlane.Persistence;

/// <summary>
/// <c>cloudgov-controlplane schema apply --postgres "&lt;connection string&gt;"</c> applies the PostgreSQL schema;
/// <c>schema print</c> writes the script it would run. The host calls <see cref="IsSchemaCommand"/> first and,
/// when true, returns <see cref="RunAsync"/>'s exit code instead of starting.
/// </summary>
public static class SchemaCommand
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when applying failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for wrong usage.</summary>
    public const int Usage = 2;

    /// <summary>True when the first argument is <c>schema</c>.</summary>
    public static bool IsSchemaCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && string.Equals(args[0], "schema", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <c>schema apply|print</c>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Count >= 2 && string.Equals(args[1], "print", StringComparison.OrdinalIgnoreCase) && args.Count == 2)
        {
            await output.WriteAsync(Postgres.PostgresSchema.RenderScript()).ConfigureAwait(false);
            return Success;
        }

        if (args.Count == 4 && string.Equals(args[1], "apply", StringComparison.OrdinalIgnoreCase)
            && string.Equals(args[2], "--postgres", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(args[3]))
        {
            var connectionString = args[3];
            try
            {
                await Postgres.PostgresSchema.ApplyAsync(connectionString, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ArgumentException or TimeoutException)
            {
                await error.WriteLineAsync($"schema apply failed: {ex.Message}").ConfigureAwait(false);
                return Failure;
            }

            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            await output.WriteLineAsync(
                $"CloudGov schema version {Postgres.PostgresSchema.Version} applied to {builder.Host}:{builder.Port}/{builder.Database} " +
                $"({Postgres.PostgresSchema.Queries.Count} Orleans queries).").ConfigureAwait(false);
            return Success;
        }

        await error.WriteLineAsync("""
            usage: cloudgov-controlplane schema apply --postgres "<Npgsql connection string>"
                   cloudgov-controlplane schema print
            """).ConfigureAwait(false);
        return Usage;
    }
}
