using CloudGov.Agent.Connection;

namespace CloudGov.Agent.Tests;

public sealed class ReportBacklogTests
{
    private static ZoneReport Report(ulong sequence) => new() { Sequence = sequence };

    [Test]
    public void Acknowledge_DropsEverythingUpToTheDurableSequence_KeepsTheRestInOrder()
    {
        var backlog = new ReportBacklog(10);
        for (ulong s = 1; s <= 5; s++)
        {
            backlog.Add(Report(s));
        }

        backlog.Acknowledge(3);

        Assert.That(backlog.Snapshot().Select(r => r.Sequence), Is.EqualTo(new ulong[] { 4, 5 }));
    }

    [Test]
    public void Add_BeyondCapacity_DropsTheOldestAndCountsThem()
    {
        var backlog = new ReportBacklog(3);
        for (ulong s = 1; s <= 5; s++)
        {
            backlog.Add(Report(s));
        }

        Assert.That(backlog.Snapshot().Select(r => r.Sequence), Is.EqualTo(new ulong[] { 3, 4, 5 }));
        Assert.That(backlog.Dropped, Is.EqualTo(2));
    }

    [Test]
    public void Add_NotNewerThanLast_Throws()
    {
        var backlog = new ReportBacklog(3);
        backlog.Add(Report(2));

        Assert.That(() => backlog.Add(Report(2)), Throws.InvalidOperationException);
    }
}
