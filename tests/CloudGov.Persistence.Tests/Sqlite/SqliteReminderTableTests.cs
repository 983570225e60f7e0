using Orleans.Runtime;

namespace CloudGov.Persistence.Tests.Sqlite;

[TestFixture]
public sealed class SqliteReminderTableTests
{
    private string _directory = "";
    private SqliteTestHost? _host;

    private IReminderTable Table => _host!.Reminders;

    [SetUp]
    public void CreateFile()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"cloudgov-reminders-{Guid.NewGuid():N}");
        _host = new SqliteTestHost(Path.Combine(_directory, "cloudgov.db"));
    }

    [TearDown]
    public async Task DeleteFileAsync()
    {
        await _host!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task UpsertRow_ThenReadRow_RoundTripsAndBumpsETag()
    {
        var entry = NewEntry("audit");

        var first = await Table.UpsertRow(entry);
        var second = await Table.UpsertRow(entry);
        var read = await Table.ReadRow(entry.GrainId, "audit");

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(read, Is.Not.Null);
        Assert.That(read!.ETag, Is.EqualTo(second));
        Assert.That(read.Period, Is.EqualTo(entry.Period));
        Assert.That(read.StartAt, Is.EqualTo(entry.StartAt));
    }

    [Test]
    public async Task RemoveRow_StaleETag_RemovesNothing()
    {
        var entry = NewEntry("sweep");
        var stale = await Table.UpsertRow(entry);
        var current = await Table.UpsertRow(entry);

        Assert.That(await Table.RemoveRow(entry.GrainId, "sweep", stale!), Is.False);
        Assert.That(await Table.ReadRow(entry.GrainId, "sweep"), Is.Not.Null);
        Assert.That(await Table.RemoveRow(entry.GrainId, "sweep", current!), Is.True);
        Assert.That(await Table.ReadRow(entry.GrainId, "sweep"), Is.Null);
    }

    [Test]
    public async Task ReadRows_WholeRingInTwoRanges_ReturnsEveryReminderOnce()
    {
        var entries = Enumerable.Range(0, 40).Select(i => NewEntry($"r{i}")).ToArray();
        foreach (var entry in entries)
        {
            await Table.UpsertRow(entry);
        }

        const uint split = 0x8000_0000;
        var lower = await Table.ReadRows(uint.MaxValue - 5, split); // wraps around zero
        var upper = await Table.ReadRows(split, uint.MaxValue - 5);

        var names = lower.Reminders.Concat(upper.Reminders).Select(r => r.GrainId + "/" + r.ReminderName).ToArray();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.Length.EqualTo(entries.Length));
    }

    private static ReminderEntry NewEntry(string name) => new()
    {
        GrainId = GrainId.Create("zone", Guid.NewGuid().ToString("N")),
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(5),
    };
}
