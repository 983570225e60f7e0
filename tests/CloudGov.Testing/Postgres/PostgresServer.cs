using System.Diagnostics;
using Npgsql;

namespace CloudGov.Testing.Postgres;

/// <summary>
/// A private PostgreSQL 15 server for tests: <c>initdb</c> into a temp directory, <c>pg_ctl</c> on a free loopback
/// port, trust authentication, fsync off. Supports stopping and starting it again (to test outages).
/// <para>Environment:</para>
/// <list type="bullet">
/// <item><c>CLOUDGOV_TEST_PG</c>: connection string of an already running server (CI starts one for all tests);
/// then nothing is started here and <see cref="CanRestart"/> is false.</item>
/// <item><c>CLOUDGOV_PG_BIN</c>: directory holding <c>initdb</c> and <c>pg_ctl</c>; otherwise
/// <c>/usr/lib/postgresql/15/bin</c>, then <c>/usr/local/bin</c>.</item>
/// </list>
/// PostgreSQL refuses to run as root; as root the server runs as the <c>postgres</c> user through <c>runuser</c>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "CLOUDGOV_TEST_PG";
    public const string BinDirectoryVariable = "CLOUDGOV_PG_BIN";
    private const string OsUser = "postgres";

    private readonly string? _binDirectory;
    private readonly string? _directory;
    private readonly bool _asRoot;
    private int _databaseCounter;

    private PostgresServer(string connectionString, string? binDirectory, string? directory, int port, bool asRoot)
    {
        ConnectionString = connectionString;
        _binDirectory = binDirectory;
        _directory = directory;
        Port = port;
        _asRoot = asRoot;
    }

    /// <summary>Superuser connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    public int Port { get; }

    /// <summary>False for an external server (<c>CLOUDGOV_TEST_PG</c>): it cannot be stopped from here.</summary>
    public bool CanRestart => _directory is not null;

    private string DataDirectory => Path.Combine(_directory!, "data");

    /// <summary>Uses <c>CLOUDGOV_TEST_PG</c> when set, otherwise creates and starts a private server.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresServer(external, null, null, new NpgsqlConnectionStringBuilder(external).Port, asRoot: false);
            await server.WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return server;
        }

        return await StartPrivateAsync(cancellationToken);
    }

    /// <summary>
    /// Creates and starts a private server whatever <c>CLOUDGOV_TEST_PG</c> says: for tests that stop and restart
    /// PostgreSQL underneath the control plane, which must never touch the shared server.
    /// </summary>
    public static async Task<PostgresServer> StartPrivateAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        var asRoot = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), $"cloudgov-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (asRoot)
        {
            await RunAsync("chown", [$"{OsUser}:{OsUser}", directory], cancellationToken);
        }

        var port = FreePort.Next();
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = true,
            Timeout = 5,
        }.ToString();
        var created = new PostgresServer(connectionString, bin, directory, port, asRoot);
        try
        {
            await created.RunPostgresToolAsync("initdb",
                ["-D", created.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
                cancellationToken);
            await created.StartAgainAsync(cancellationToken);
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var unique = $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}".ToLowerInvariant();
        var name = unique.Length <= 63 ? unique : unique[..63];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString();
    }

    /// <summary>Stops the server. <paramref name="immediate"/> kills it like a crash (no checkpoint).</summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        EnsureOwned();
        await RunPostgresToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"], cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the (stopped) server on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        EnsureOwned();
        var options = string.Join(' ',
            $"-p {Port}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_directory}",
            "-c fsync=off",
            "-c full_page_writes=off",
            "-c max_connections=300",
            "-c shared_buffers=64MB");
        await RunPostgresToolAsync("pg_ctl",
            ["start", "-D", DataDirectory, "-l", Path.Combine(_directory!, "server.log"), "-w", "-t", "60", "-o", options],
            cancellationToken);
        await WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Stops and starts the server.</summary>
    public async Task RestartAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        await StopAsync(immediate, cancellationToken);
        await StartAgainAsync(cancellationToken);
    }

    /// <summary>The server log (private servers only), for failure messages.</summary>
    public string ReadLog() =>
        _directory is not null && File.Exists(Path.Combine(_directory, "server.log"))
            ? File.ReadAllText(Path.Combine(_directory, "server.log"))
            : "";

    public async ValueTask DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunPostgresToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    private async Task WaitUntilAcceptingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                throw new TimeoutException($"PostgreSQL at {ConnectionString} did not accept connections within {timeout}.\n{ReadLog()}", ex);
            }
        }
    }

    private void EnsureOwned()
    {
        if (!CanRestart)
        {
            throw new InvalidOperationException($"The server comes from {ExternalServerVariable}; it cannot be stopped or started from the tests.");
        }
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        return _asRoot
            ? RunAsync("runuser", ["-u", OsUser, "--", executable, .. arguments], cancellationToken)
            : RunAsync(executable, arguments, cancellationToken);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        string[] candidates = string.IsNullOrWhiteSpace(configured)
            ? ["/usr/lib/postgresql/15/bin", "/usr/local/bin"]
            : [configured];
        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No initdb/pg_ctl in {string.Join(" or ", candidates)}. Install postgresql-15 (apt-get install postgresql-15), " +
            $"set {BinDirectoryVariable} to its bin directory, or set {ExternalServerVariable} to a running server's connection string.");
    }
}
