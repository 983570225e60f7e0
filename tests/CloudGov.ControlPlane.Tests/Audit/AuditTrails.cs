using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Persistence.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.Audit;

/// <summary>Trails over real stores for the audit tests, with a fake clock that moves a minute per append.</summary>
internal static class AuditTrails
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static string NewSqlitePath() => Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"audit-{Guid.NewGuid():N}.db");

    public static IAuditTrail Over(IAuditStore store, string chain, FakeTimeProvider time) =>
        new AuditTrail(store, chain, time, NullLogger<AuditTrail>.Instance);

    /// <summary>Draft <paramref name="i"/>: actors alternate alice/bob/carol, actions approve/cancel, targets plan-i and tenant-(i%2).</summary>
    public static AuditEntryDraft Draft(int i) => AuditEntryDraft.Of(
        new AuditActor(new[] { "alice", "bob", "carol" }[i % 3], "operator", string.Empty),
        i % 2 == 0 ? AuditAction.PlanApproved : AuditAction.PlanCancelled,
        $"reason {i}: 变更窗口",
        [$"plan-{i:D4}", $"tenant-{i % 2}"],
        ("index", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Appends <paramref name="count"/> drafts one after another, a minute apart.</summary>
    public static async Task<List<AuditEntry>> AppendAsync(IAuditTrail trail, FakeTimeProvider time, int count)
    {
        var entries = new List<AuditEntry>();
        for (int i = 1; i <= count; i++)
        {
            entries.Add(await trail.AppendAsync(Draft(i)));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        return entries;
    }

    /// <summary>Appends <paramref name="count"/> drafts to a new SQLite file and closes it.</summary>
    public static async Task<string> SeedSqliteAsync(int count)
    {
        var path = NewSqlitePath();
        await using var handle = AuditStores.Sqlite(path, NullLoggerFactory.Instance);
        var time = new FakeTimeProvider(Start);
        await AppendAsync(Over(handle.Store, "cloudgov", time), time, count);
        return path;
    }
}
