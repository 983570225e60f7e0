using CloudGov.ControlPlane.Grains.Zones;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>Which plan a zone tells, and when: a command's answer, and a placed workload's new state until it runs or fails.</summary>
public sealed class PlanWatchTests
{
    private static ZoneCommand Command(string id, string workload, ZoneCommandKind kind = ZoneCommandKind.Place, string? plan = "plan-1") => new(
        id, kind, new WorkloadSpec(workload, "nn-rsj", "社保核心", Requests: new ResourceVector(4000, 8192, 100), MlpsLevel: MlpsLevel.Level2),
        DateTimeOffset.UnixEpoch.AddDays(1))
    { PlanId = plan };

    private static ZoneReportData Report(ulong sequence, params (string Id, WorkloadState State)[] workloads)
    {
        var report = ZoneRecords.Report(sequence, 1000, [.. workloads.Select(w => w.Id)]);
        return report with { Workloads = [.. report.Workloads.Select((w, i) => w with { State = workloads[i].State })] };
    }

    [Test]
    public void Answered_CommandOfAPlan_TellsThatPlan_ACommandOfNoPlanTellsNobody()
    {
        var watch = new PlanWatch();

        Assert.That(watch.Answered(Command("r1", "w-a", ZoneCommandKind.Remove), succeeded: true), Is.EqualTo("plan-1"));
        Assert.That(watch.Answered(Command("p1", "w-b", plan: null), succeeded: true), Is.Null);
    }

    [Test]
    public void Reported_PlacedWorkloadStartsRunningAfterItsAnswer_TellsThePlanOnce_ThenStopsWatching()
    {
        var watch = new PlanWatch();
        var place = Command("p1", "w-a");
        watch.Placing(place, current: null);
        watch.Answered(place, succeeded: true);

        var pending = watch.Reported(Report(1, ("w-a", WorkloadState.Pending)));
        var running = watch.Reported(Report(2, ("w-a", WorkloadState.Running)));
        var again = watch.Reported(Report(3, ("w-a", WorkloadState.Running)));

        Assert.That(pending, Is.EqualTo(new[] { "plan-1" }), "it appeared");
        Assert.That(running, Is.EqualTo(new[] { "plan-1" }), "it runs: the move can remove it from the source now");
        Assert.That(again, Is.Empty, "an unchanged state is no news");
        Assert.That(watch.Count, Is.Zero);
    }

    [Test]
    public void Reported_RunningBeforeTheAnswer_TellsThePlan_AndTheAnswerEndsTheWatch()
    {
        var watch = new PlanWatch();
        var place = Command("p1", "w-a");
        watch.Placing(place, current: Report(1, ("w-x", WorkloadState.Running)));

        Assert.That(watch.Reported(Report(2, ("w-a", WorkloadState.Running))), Is.EqualTo(new[] { "plan-1" }));
        Assert.That(watch.Answered(place, succeeded: true), Is.EqualTo("plan-1"));
        Assert.That(watch.Count, Is.Zero, "it runs and is answered: nothing left to wait for");
    }

    [Test]
    public void Answered_SuccessfulPlaceNotRunningYet_TellsNobodyUntilTheReportShowsItRunning()
    {
        var watch = new PlanWatch();
        var place = Command("p1", "w-a");
        watch.Placing(place, current: null);

        var answered = watch.Answered(place, succeeded: true);
        var running = watch.Reported(Report(1, ("w-a", WorkloadState.Running)));

        Assert.That(answered, Is.Null, "the move waits for the workload to run: waking the plan now finds nothing to do");
        Assert.That(running, Is.EqualTo(new[] { "plan-1" }), "the report that shows it running wakes the plan");
        Assert.That(watch.Count, Is.Zero);
    }

    [Test]
    public void Answered_FailedPlace_EndsTheWatch()
    {
        var watch = new PlanWatch();
        var place = Command("p1", "w-a");
        watch.Placing(place, current: null);

        watch.Answered(place, succeeded: false);

        Assert.That(watch.Count, Is.Zero);
        Assert.That(watch.Reported(Report(1, ("w-a", WorkloadState.Running))), Is.Empty);
    }

    [Test]
    public void Reported_SeveralPlansChangeAtOnce_EachToldOnce_UnwatchedWorkloadsIgnored()
    {
        var watch = new PlanWatch();
        watch.Placing(Command("p1", "w-a", plan: "plan-1"), current: null);
        watch.Placing(Command("p2", "w-b", plan: "plan-1"), current: null);
        watch.Placing(Command("p3", "w-c", plan: "plan-2"), current: null);
        watch.Placing(Command("r1", "w-d", ZoneCommandKind.Remove, plan: "plan-3"), current: null);

        var told = watch.Reported(Report(1, ("w-a", WorkloadState.Pending), ("w-b", WorkloadState.Pending), ("w-c", WorkloadState.Running), ("w-d", WorkloadState.Running), ("w-e", WorkloadState.Running)));

        Assert.That(told, Is.EquivalentTo(new[] { "plan-1", "plan-2" }));
    }

    [Test]
    public void Placing_BeyondCapacity_TheOldestWatchesAreDropped()
    {
        var watch = new PlanWatch();
        for (int i = 0; i < PlanWatch.Capacity + 10; i++)
        {
            watch.Placing(Command($"p{i}", $"w-{i}"), current: null);
        }

        Assert.That(watch.Count, Is.EqualTo(PlanWatch.Capacity));
        Assert.That(watch.Reported(Report(1, ("w-0", WorkloadState.Running))), Is.Empty, "dropped: its plan's poll finds it");
        Assert.That(watch.Reported(Report(2, ($"w-{PlanWatch.Capacity + 9}", WorkloadState.Running))), Is.EqualTo(new[] { "plan-1" }));
    }
}
