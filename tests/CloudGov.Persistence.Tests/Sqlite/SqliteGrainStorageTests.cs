using CloudGov.ControlPlane.Persistence.Sqlite;
using CloudGov.Persistence.Tests.Grains;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace CloudGov.Persistence.Tests.Sqlite;

[TestFixture]
public sealed class SqliteGrainStorageTests
{
    private const string StateName = "probe";
    private string _directory = "";
    private string _path = "";
    private SqliteTestHost? _host;

    private IGrainStorage Storage => _host!.Storage;

    [SetUp]
    public void CreateFile()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"cloudgov-sqlite-{Guid.NewGuid():N}");
        _path = Path.Combine(_directory, "nested", "cloudgov.db");
        _host = new SqliteTestHost(_path);
    }

    [TearDown]
    public async Task DeleteFileAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task InitializeAsync_MissingDirectory_CreatesFileInWalMode()
    {
        await ((SqliteGrainStorage)Storage).InitializeAsync(CancellationToken.None);

        Assert.That(File.Exists(_path), Is.True);
        Assert.That(await ScalarAsync("PRAGMA journal_mode;"), Is.EqualTo("wal"));
    }

    [Test]
    public async Task ReadStateAsync_NeverWritten_ReturnsNewStateWithoutETag()
    {
        var state = new GrainState<ProbeState>();

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.That(state.State, Is.Not.Null);
        Assert.That(state.State!.Counter, Is.Zero);
        Assert.That(state.ETag, Is.Null);
        Assert.That(state.RecordExists, Is.False);
    }

    [Test]
    public async Task WriteStateAsync_ThenRead_RoundTrips()
    {
        var grain = NewGrainId();
        var written = new GrainState<ProbeState>(new ProbeState { Counter = 7, Note = "桂林" });

        await Storage.WriteStateAsync(StateName, grain, written);
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grain, read);

        Assert.That(read.State!.Counter, Is.EqualTo(7));
        Assert.That(read.State!.Note, Is.EqualTo("桂林"));
        Assert.That(read.ETag, Is.EqualTo(written.ETag).And.Not.Null);
        Assert.That(read.RecordExists, Is.True);
    }

    [Test]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateAndChangesNothing()
    {
        var grain = NewGrainId();
        var first = new GrainState<ProbeState>(new ProbeState { Counter = 1, Note = "first" });
        await Storage.WriteStateAsync(StateName, grain, first);
        var staleETag = first.ETag;
        first.State = new ProbeState { Counter = 2, Note = "second" };
        await Storage.WriteStateAsync(StateName, grain, first);

        var stale = new GrainState<ProbeState>(new ProbeState { Counter = 99, Note = "stale" }) { ETag = staleETag };

        Assert.That(() => Storage.WriteStateAsync(StateName, grain, stale), Throws.InstanceOf<InconsistentStateException>());
        Assert.That(stale.ETag, Is.EqualTo(staleETag));
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.That(read.State!.Note, Is.EqualTo("second"));
        Assert.That(read.ETag, Is.EqualTo(first.ETag));
    }

    [Test]
    public async Task WriteStateAsync_NoETagButRowExists_ThrowsInconsistentState()
    {
        var grain = NewGrainId();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<ProbeState>(new ProbeState { Note = "owner" }));

        var blind = new GrainState<ProbeState>(new ProbeState { Note = "second activation" });

        Assert.That(() => Storage.WriteStateAsync(StateName, grain, blind), Throws.InstanceOf<InconsistentStateException>());
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.That(read.State!.Note, Is.EqualTo("owner"));
    }

    [Test]
    public async Task ClearStateAsync_Written_ReadsAsNewAndNextWriteSucceeds()
    {
        var grain = NewGrainId();
        var state = new GrainState<ProbeState>(new ProbeState { Counter = 3 });
        await Storage.WriteStateAsync(StateName, grain, state);
        var beforeClear = state.ETag;

        await Storage.ClearStateAsync(StateName, grain, state);
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grain, read);

        Assert.That(state.RecordExists, Is.False);
        Assert.That(state.ETag, Is.Not.EqualTo(beforeClear));
        Assert.That(read.RecordExists, Is.False);
        Assert.That(read.State!.Counter, Is.Zero);
        Assert.That(read.ETag, Is.EqualTo(state.ETag));

        read.State = new ProbeState { Counter = 4 };
        await Storage.WriteStateAsync(StateName, grain, read);
        var stale = new GrainState<ProbeState>(new ProbeState()) { ETag = beforeClear };
        Assert.That(() => Storage.WriteStateAsync(StateName, grain, stale), Throws.InstanceOf<InconsistentStateException>());
    }

    [Test]
    public async Task ClearStateAsync_StaleETag_ThrowsInconsistentStateAndKeepsRow()
    {
        var grain = NewGrainId();
        var state = new GrainState<ProbeState>(new ProbeState { Note = "kept" });
        await Storage.WriteStateAsync(StateName, grain, state);
        var stale = new GrainState<ProbeState>(new ProbeState()) { ETag = "12345" };

        Assert.That(() => Storage.ClearStateAsync(StateName, grain, stale), Throws.InstanceOf<InconsistentStateException>());
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.That(read.State!.Note, Is.EqualTo("kept"));
    }

    [Test]
    public async Task ReadStateAsync_NewProviderOnSameFile_SeesWrittenState()
    {
        var grain = NewGrainId();
        var state = new GrainState<ProbeState>(new ProbeState { Counter = 42, Note = "北海" });
        await Storage.WriteStateAsync(StateName, grain, state);
        await _host!.DisposeAsync();
        _host = new SqliteTestHost(_path);

        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grain, read);

        Assert.That(read.State!.Note, Is.EqualTo("北海"));
        Assert.That(read.State!.Counter, Is.EqualTo(42));
        Assert.That(read.ETag, Is.EqualTo(state.ETag));
    }

    [Test]
    public async Task WriteStateAsync_InjectedWriteFault_LeavesRowAndETagUnchanged()
    {
        var grain = NewGrainId();
        var state = new GrainState<ProbeState>(new ProbeState { Counter = 1, Note = "durable" });
        await Storage.WriteStateAsync(StateName, grain, state);
        var committedETag = state.ETag;
        await ExecuteAsync("CREATE TRIGGER inject_fault BEFORE UPDATE ON grain_state BEGIN SELECT RAISE(ABORT, 'injected write fault'); END;");

        state.State = new ProbeState { Counter = 2, Note = "ghost" };

        Assert.That(() => Storage.WriteStateAsync(StateName, grain, state),
            Throws.InstanceOf<SqliteException>().With.Message.Contains("injected write fault"));
        Assert.That(state.ETag, Is.EqualTo(committedETag));
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.That(read.State!.Note, Is.EqualTo("durable"));
        Assert.That(read.ETag, Is.EqualTo(committedETag));

        await ExecuteAsync("DROP TRIGGER inject_fault;");
        await Storage.WriteStateAsync(StateName, grain, state);
        Assert.That(state.ETag, Is.Not.EqualTo(committedETag));
    }

    [Test]
    public async Task WriteStateAsync_OneFaultInConcurrentWrites_OthersCommit()
    {
        var poisoned = NewGrainId();
        await ExecuteAsync(
            $"CREATE TRIGGER inject_fault BEFORE INSERT ON grain_state WHEN NEW.grain_id = '{poisoned}' " +
            "BEGIN SELECT RAISE(ABORT, 'injected write fault'); END;");
        var healthy = Enumerable.Range(0, 200).Select(_ => NewGrainId()).ToArray();

        var writes = healthy.Select(g => (Grain: g, Write: Storage.WriteStateAsync(StateName, g, new GrainState<ProbeState>(new ProbeState { Note = "ok" }))))
            .Append((Grain: poisoned, Write: Storage.WriteStateAsync(StateName, poisoned, new GrainState<ProbeState>(new ProbeState { Note = "bad" }))))
            .ToArray();
        await Task.WhenAll(writes.Select(w => w.Write.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.That(writes.Where(w => w.Grain != poisoned).Select(w => w.Write.Status), Is.All.EqualTo(TaskStatus.RanToCompletion));
        Assert.That(writes.Single(w => w.Grain == poisoned).Write.IsFaulted, Is.True);
        Assert.That(await ScalarAsync("SELECT count(*) FROM grain_state;"), Is.EqualTo(healthy.Length));
    }

    private static GrainId NewGrainId() => GrainId.Create("zone", Guid.NewGuid().ToString("N"));

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await ((SqliteGrainStorage)Storage).InitializeAsync(CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
