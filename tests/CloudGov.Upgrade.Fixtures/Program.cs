using System.Diagnostics;
using CloudGov.Testing.Postgres;
using CloudGov.Upgrade.Fixtures;
using Microsoft.Data.Sqlite;
using Npgsql;

// Usage: dotnet run --project tests/CloudGov.Upgrade.Fixtures -- --out tests/fixtures/upgrade/<release> [--release <name>]
// Writes cloudgov.db (SQLite), postgres.sql (pg_dump of a private PostgreSQL 15, or of CLOUDGOV_TEST_PG) and manifest.json.
const string ServiceId = "cloudgov";
const string ClusterId = "cloudgov";
var output = Argument("--out") ?? throw new ArgumentException("--out <directory> is required, e.g. --out tests/fixtures/upgrade/v1");
output = Path.GetFullPath(output);
var release = Argument("--release") ?? Path.GetFileName(output.TrimEnd(Path.DirectorySeparatorChar));
Directory.CreateDirectory(output);
var work = Directory.CreateTempSubdirectory("cloudgov-upgrade-fixture-").FullName;
var storage = new Dictionary<string, string?> { ["Storage:ServiceId"] = ServiceId, ["Storage:ClusterId"] = ClusterId };

// SQLite: the host's own file, copied once the host has closed it (WAL checkpointed, no -wal or -shm beside it).
var sqlitePath = Path.Combine(work, "cloudgov.db");
FixtureExpectation sqlite;
await using (var host = await FixtureHost.StartAsync(new Dictionary<string, string?>(storage) { ["Storage:Mode"] = "Sqlite", ["Storage:SqlitePath"] = sqlitePath }))
{
    sqlite = await FixtureScenario.RunAsync(host, "Sqlite", "cloudgov.db");
    await host.StopAsync();
}

CheckClosedSqlite(sqlitePath);
File.Copy(sqlitePath, Path.Combine(output, "cloudgov.db"), overwrite: true);
Console.WriteLine($"wrote {Path.Combine(output, "cloudgov.db")} ({new FileInfo(sqlitePath).Length:N0} bytes)");

// PostgreSQL: a fresh database on a private server, dumped after the host stopped.
FixtureExpectation postgres;
await using (var server = await PostgresServer.StartAsync())
{
    var database = await server.CreateDatabaseAsync("upgrade_fixture");
    await using (var host = await FixtureHost.StartAsync(new Dictionary<string, string?>(storage) { ["Storage:Mode"] = "Postgres", ["Storage:PostgresConnectionString"] = database }))
    {
        postgres = await FixtureScenario.RunAsync(host, "Postgres", "postgres.sql");
        await host.StopAsync();
    }

    NpgsqlConnection.ClearAllPools();
    await PostgresTools.DumpAsync(database, Path.Combine(output, "postgres.sql"));
    Console.WriteLine($"wrote {Path.Combine(output, "postgres.sql")} ({new FileInfo(Path.Combine(output, "postgres.sql")).Length:N0} bytes)");
}

var manifest = new UpgradeManifest(UpgradeManifest.CurrentFormat, release, await CommitAsync(), DateTimeOffset.UtcNow, ServiceId, ClusterId, [sqlite, postgres]);
await File.WriteAllTextAsync(Path.Combine(output, UpgradeManifest.FileName), manifest.ToJson());
Console.WriteLine($"wrote {Path.Combine(output, UpgradeManifest.FileName)}: {sqlite.Zones.Count} zones, {sqlite.Workloads.Count} records, {sqlite.Plans.Count} plans, {sqlite.PendingCommands.Count} pending command(s) per database");
Directory.Delete(work, recursive: true);
return 0;

string? Argument(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// The file must be complete on its own: nothing left in a write-ahead log, and SQLite finds it sound.
static void CheckClosedSqlite(string path)
{
    if (File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0)
    {
        throw new InvalidOperationException($"{path}-wal is still there after the host closed the database: the fixture would not be one consistent file.");
    }

    using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
    {
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var result = check.ExecuteScalar() as string;
        if (result != "ok")
        {
            throw new InvalidOperationException($"{path} fails SQLite's integrity check: {result}");
        }
    }

    if (File.Exists(path + "-wal"))
    {
        throw new InvalidOperationException($"{path}-wal is left after the integrity check closed the file.");
    }
}

static async Task<string> CommitAsync()
{
    try
    {
        var start = new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var git = Process.Start(start)!;
        var commit = (await git.StandardOutput.ReadToEndAsync()).Trim();
        await git.WaitForExitAsync();
        return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
