using System.Diagnostics;
using System.Globalization;
using CloudGov.Testing.Postgres;
using Npgsql;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>
/// The PostgreSQL client tools the fixtures need: <c>pg_dump</c> to write one (plain SQL, no owners or privileges) and
/// <c>psql</c> to restore it, as a release's operator would. Linked into the upgrade test.
/// </summary>
internal static class PostgresTools
{
    /// <summary>Dumps the database <paramref name="connectionString"/> names into <paramref name="file"/>.</summary>
    public static Task DumpAsync(string connectionString, string file) =>
        RunAsync("pg_dump", connectionString, ["--no-owner", "--no-privileges", "--encoding", "UTF8", "--file", file]);

    /// <summary>Runs the SQL script <paramref name="file"/> (a dump) in the database <paramref name="connectionString"/> names; stops at the first error.</summary>
    public static Task RestoreAsync(string connectionString, string file) =>
        RunAsync("psql", connectionString, ["--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--file", file]);

    private static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", c.Host!, "--port", c.Port.ToString(CultureInfo.InvariantCulture), "--username", c.Username!, "--dbname", c.Database! }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(c.Password))
        {
            start.Environment["PGPASSWORD"] = c.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    /// <summary>A client tool from <c>CLOUDGOV_PG_BIN</c>, PostgreSQL 15's bin directory, or else the PATH.</summary>
    private static string Find(string tool)
    {
        string?[] directories = [Environment.GetEnvironmentVariable(PostgresServer.BinDirectoryVariable), "/usr/lib/postgresql/15/bin"];
        foreach (var directory in directories)
        {
            if (!string.IsNullOrWhiteSpace(directory) && File.Exists(Path.Combine(directory, tool)))
            {
                return Path.Combine(directory, tool);
            }
        }

        return tool;
    }
}
