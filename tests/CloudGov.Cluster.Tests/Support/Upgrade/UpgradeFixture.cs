using CloudGov.Testing.Postgres;
using CloudGov.Upgrade.Fixtures;

namespace CloudGov.Cluster.Tests.Support.Upgrade;

/// <summary>
/// One committed upgrade fixture (a release's directory under <c>tests/fixtures/upgrade</c>, copied next to the tests),
/// made ready for a host: the SQLite file copied to a temp directory, or the dump restored with psql into a fresh
/// database. The committed files are never opened in place.
/// </summary>
internal sealed class UpgradeFixture : IAsyncDisposable
{
    private readonly string _work;
    private PostgresServer? _server;

    private UpgradeFixture(string release, UpgradeManifest manifest, FixtureExpectation expected, string work)
    {
        Release = release;
        Manifest = manifest;
        Expected = expected;
        _work = work;
    }

    /// <summary>Where the fixtures are copied with the tests.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "upgrade");

    public string Release { get; }

    public UpgradeManifest Manifest { get; }

    /// <summary>What the database holds.</summary>
    public FixtureExpectation Expected { get; }

    /// <summary>The host settings that open the prepared copy.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Every release directory with its manifest, oldest name first.</summary>
    public static IEnumerable<(string Release, UpgradeManifest Manifest)> Releases() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Order(StringComparer.Ordinal)
                .Select(d => (Path.GetFileName(d), UpgradeManifest.FromJson(File.ReadAllText(Path.Combine(d, UpgradeManifest.FileName)))))
            : [];

    /// <summary>Prepares <paramref name="storage"/>'s database of <paramref name="release"/>.</summary>
    public static async Task<UpgradeFixture> PrepareAsync(string release, string storage)
    {
        var directory = Path.Combine(Root, release);
        var manifest = UpgradeManifest.FromJson(await File.ReadAllTextAsync(Path.Combine(directory, UpgradeManifest.FileName)));
        var expected = manifest.Fixtures.Single(f => f.Storage == storage);
        var fixture = new UpgradeFixture(release, manifest, expected, Directory.CreateTempSubdirectory($"cloudgov-upgrade-{release}-").FullName);
        try
        {
            fixture.Settings["Storage:ServiceId"] = manifest.ServiceId;
            fixture.Settings["Storage:ClusterId"] = manifest.ClusterId;
            var file = Path.Combine(directory, expected.File);
            if (storage == "Sqlite")
            {
                var copy = Path.Combine(fixture._work, "cloudgov.db");
                File.Copy(file, copy);
                fixture.Settings["Storage:Mode"] = "Sqlite";
                fixture.Settings["Storage:SqlitePath"] = copy;
            }
            else
            {
                fixture._server = await PostgresServer.StartAsync();
                var database = await fixture._server.CreateDatabaseAsync($"upgrade_{release}");
                await PostgresTools.RestoreAsync(database, file);
                fixture.Settings["Storage:Mode"] = "Postgres";
                fixture.Settings["Storage:PostgresConnectionString"] = database;
            }

            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
