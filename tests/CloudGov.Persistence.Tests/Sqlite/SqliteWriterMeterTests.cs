using System.Diagnostics.Metrics;
using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudGov.Persistence.Tests.Sqlite;

/// <summary>The SQLite writer reports its own time per batch and per COMMIT to whoever listens (the quota benchmark does).</summary>
[TestFixture]
public sealed class SqliteWriterMeterTests
{
    [Test]
    public async Task Write_WhileListened_OneBatchAndItsCommitRecorded_TheCommitWithinTheBatch()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"cloudgov-sqlite-meter-{Guid.NewGuid():N}");
        var batches = new List<double>();
        var commits = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SqliteWriterMeter.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (batches)
            {
                (instrument.Name == "cloudgov.sqlite.batch.duration" ? batches : commits).Add(value);
            }
        });
        listener.Start();
        try
        {
            await using var database = new SqliteDatabase(new SqliteDatabaseSettings(Path.Combine(directory, "meter.db"), TimeSpan.FromSeconds(5), true, 16), NullLogger.Instance);
            await database.WriteAsync(context =>
            {
                using var command = context.Command("CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO probe (body) VALUES ('一');");
                return command.ExecuteNonQuery();
            });

            lock (batches)
            {
                Assert.Multiple(() =>
                {
                    Assert.That(batches, Has.Count.EqualTo(1), "one batch");
                    Assert.That(commits, Has.Count.EqualTo(1), "its COMMIT");
                    Assert.That(commits.Single(), Is.GreaterThan(0).And.LessThanOrEqualTo(batches.Single()), "the COMMIT is part of the batch");
                });
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
