using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Persistence.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// <c>cloudgov-controlplane audit verify [--chain &lt;id&gt;] [--Storage:Mode=Postgres --Storage:PostgresConnectionString=…]</c>
/// checks every audit chain in the configured storage (appsettings.json, environment, then these arguments, as the host
/// reads them) and names the first entry that was changed, removed or reordered. Exit code 0 when every chain is
/// intact, 1 when one is broken, 2 for wrong usage, 3 when the storage cannot be read.
/// </summary>
public static class AuditCommand
{
    /// <summary>Every chain intact.</summary>
    public const int Intact = 0;

    /// <summary>A chain is broken.</summary>
    public const int Broken = 1;

    /// <summary>Wrong usage.</summary>
    public const int Usage = 2;

    /// <summary>The storage could not be read.</summary>
    public const int Unreadable = 3;

    /// <summary>True when the first argument is <c>audit</c>.</summary>
    public static bool IsAuditCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && string.Equals(args[0], "audit", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <c>audit verify</c>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Count < 2 || !string.Equals(args[1], "verify", StringComparison.OrdinalIgnoreCase))
        {
            return await UsageAsync(error);
        }

        string? chain = null;
        var settings = new List<string>();
        for (int i = 2; i < args.Count; i++)
        {
            if (string.Equals(args[i], "--chain", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                chain = args[++i];
            }
            else if (args[i].StartsWith("--Storage:", StringComparison.OrdinalIgnoreCase))
            {
                settings.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                return await UsageAsync(error);
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings])
            .Build();
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        try
        {
            return await VerifyAsync(options, chain, output, error, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or ArgumentException or IOException or TimeoutException)
        {
            await error.WriteLineAsync($"audit verify could not read the audit trail: {ex.Message}");
            return Unreadable;
        }
    }

    private static async Task<int> VerifyAsync(StorageOptions options, string? chain, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SqliteAuditStoreHandle? sqlite = null;
        IAuditStore store;
        string where;
        if (options.Mode == StorageMode.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                await error.WriteLineAsync("audit verify: Storage:Mode is Postgres but Storage:PostgresConnectionString is not set");
                return Usage;
            }

            store = AuditStores.Postgres(options.PostgresConnectionString);
            var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            where = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
        else
        {
            var path = Path.GetFullPath(options.SqlitePath);
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"audit verify: there is no SQLite file at {path} (set --Storage:SqlitePath)");
                return Unreadable;
            }

            sqlite = AuditStores.Sqlite(path, NullLoggerFactory.Instance);
            store = sqlite.Store;
            where = $"SQLite {path}";
        }

        try
        {
            var chains = chain is not null ? [chain] : await store.ChainsAsync(cancellationToken);
            if (chains.Count == 0)
            {
                await output.WriteLineAsync($"audit verify: {where} holds no audit entries");
                return Intact;
            }

            int exit = Intact;
            foreach (var name in chains)
            {
                var result = await AuditChainVerifier.VerifyAsync(store, name, cancellationToken);
                if (result.Intact)
                {
                    await output.WriteLineAsync($"chain '{name}' ({where}): intact, {result.EntriesChecked} entries, head {result.HeadSequence} {result.HeadHash}");
                }
                else
                {
                    exit = Broken;
                    await output.WriteLineAsync(
                        $"chain '{name}' ({where}): BROKEN at entry {result.FirstBadSequence} ({result.Break.ToString().ToLowerInvariant()}): {result.Message}");
                }
            }

            return exit;
        }
        finally
        {
            if (sqlite is not null)
            {
                await sqlite.DisposeAsync();
            }
            else if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync("""
            usage: cloudgov-controlplane audit verify [--chain <id>] [--Storage:SqlitePath=<file>]
                   cloudgov-controlplane audit verify --Storage:Mode=Postgres --Storage:PostgresConnectionString="<Npgsql connection string>"
            """);
        return Usage;
    }
}
