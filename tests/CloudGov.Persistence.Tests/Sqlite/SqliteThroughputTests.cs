using System.Diagnostics;
using CloudGov.Persistence.Tests.Grains;
using Orleans.Runtime;

namespace CloudGov.Persistence.Tests.Sqlite;

/// <summary>A rough throughput figure for the group-committed writer (printed, not asserted beyond completion).</summary>
[TestFixture]
public sealed class SqliteThroughputTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task WriteStateAsync_ManyConcurrentGrains_AllCommit(bool synchronousFull)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cloudgov-tput-{Guid.NewGuid():N}");
        var host = new SqliteTestHost(Path.Combine(directory, "cloudgov.db"), synchronousFull);
        try
        {
            const int grains = 2000;
            const int rounds = 5;
            var states = Enumerable.Range(0, grains)
                .Select(i => (Id: GrainId.Create("zone", $"z{i}"), State: new GrainState<ProbeState>(new ProbeState())))
                .ToArray();
            await host.Storage.WriteStateAsync("probe", states[0].Id, states[0].State);

            var watch = Stopwatch.StartNew();
            for (var round = 0; round < rounds; round++)
            {
                await Task.WhenAll(states.Select(s =>
                {
                    s.State.State = new ProbeState { Counter = round, Note = "利用率 42%" };
                    return host.Storage.WriteStateAsync("probe", s.Id, s.State);
                }));
            }

            watch.Stop();
            var perSecond = grains * rounds / watch.Elapsed.TotalSeconds;
            TestContext.Out.WriteLine($"SQLite synchronous={(synchronousFull ? "FULL" : "NORMAL")}: {grains * rounds} writes in {watch.ElapsedMilliseconds} ms = {perSecond:F0} writes/s");
            Assert.That(states.Select(s => s.State.ETag), Is.All.Not.Null);
        }
        finally
        {
            await host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
