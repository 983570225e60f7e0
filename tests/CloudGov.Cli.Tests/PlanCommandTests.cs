using CloudGov.Proto.Operations.V1;
using Google.Protobuf;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cli.Tests;

/// <summary>
/// <c>plans propose|list|get|approve|cancel|watch</c> on a host of their own (plans change the one cloud): a hot zone
/// with about a dozen small workloads over its 0.5 target and a roomy cold zone, each with a real agent.
/// </summary>
[NonParallelizable]
public sealed class PlanCommandTests
{
    private const string Hot = "gx-cli-plan-hot";
    private const string Cold = "gx-cli-plan-cold";

    private HotColdCloud _cloud = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _cloud = await HotColdCloud.StartAsync(Hot, Cold, hotName: "南宁市政务云（热）", coldName: "南宁市政务云（冷）");

    [OneTimeTearDown]
    public async Task StopAsync() => await _cloud.DisposeAsync();

    [Test]
    public async Task PlansLifecycle_HotZone_ProposeCancelThenWatchFromProposedThroughEveryPushedMoveToCompleted()
    {
        var cli = await CliRun.LoggedInAsync(_cloud.ControlPlane.GrpcAddress, CloudGov.Testing.Identity.TestTokens.Operator);

        // A dry run stores nothing; a proposal is stored, cancelled once, and watching it ends at once with exit code 1.
        var dryRun = await cli.RunAsync("plans", "propose", "--dry-run");
        var listedAfterDryRun = await cli.RunAsync("plans", "list", "-o", "json");
        var proposed = await cli.RunAsync("plans", "propose", "-o", "json");
        var first = JsonParser.Default.Parse<ProposeRebalanceResponse>(proposed.Out).Plan;
        var cancelled = await cli.RunAsync("plans", "cancel", first.PlanId, "--reason", "冻结期");
        var again = await cli.RunAsync("plans", "cancel", first.PlanId, "--reason", "冻结期");
        var watchCancelled = await cli.RunAsync("plans", "watch", first.PlanId);

        Assert.That(dryRun.ExitCode, Is.EqualTo(0), dryRun.ToString());
        Assert.That(dryRun.Out, Does.Contain(Hot).And.Contain(Cold).And.Contain("ZONE_OVER_TARGET").And.Contain("dry run: nothing stored."));
        Assert.That(JsonParser.Default.Parse<ListPlansResponse>(listedAfterDryRun.Out).Plans, Is.Empty);
        Assert.That(proposed.ExitCode, Is.EqualTo(0), proposed.ToString());
        Assert.That(first.State, Is.EqualTo(PlanState.Proposed));
        Assert.That(cancelled.ExitCode, Is.EqualTo(0), cancelled.ToString());
        Assert.That(cancelled.Out, Does.Contain("cancelled"));
        Assert.That(again.ExitCode, Is.EqualTo(19), "FAILED_PRECONDITION: " + again);
        Assert.That(again.Error, Does.Contain("is Cancelled"));
        Assert.That(watchCancelled.ExitCode, Is.EqualTo(1), "a watched plan that did not complete: " + watchCancelled);
        Assert.That(watchCancelled.Out, Does.Contain($"plan {first.PlanId} ended cancelled"));

        // The next proposal is approved and watched move by move until it completes.
        var second = await cli.RunAsync("plans", "propose", "-o", "json");
        var plan = JsonParser.Default.Parse<ProposeRebalanceResponse>(second.Out).Plan;
        Assert.That(plan.Moves, Has.Count.GreaterThan(1), second.ToString());

        // The watch starts before the approval: what it shows afterwards was pushed over the WatchPlan stream.
        var watchOut = new StringWriter();
        var watchErr = new StringWriter();
        var shared = TextWriter.Synchronized(watchOut);
        var watching = CliApp.RunAsync(["plans", "watch", plan.PlanId], cli.RunEnvironment(shared, TextWriter.Synchronized(watchErr)));
        await Eventually.HoldsAsync(() => Read(shared, watchOut).Contains($"plan {plan.PlanId} proposed", StringComparison.Ordinal), "the watch to show the plan proposed");
        var approved = await cli.RunAsync("plans", "approve", plan.PlanId, "--reason", "变更窗口");
        int watchExit = await watching.WaitAsync(TimeSpan.FromMinutes(3));
        var watch = new CliResult(watchExit, Read(shared, watchOut), Read(shared, watchErr));
        var watchJson = await cli.RunAsync("plans", "watch", plan.PlanId, "-o", "json");
        var get = await cli.RunAsync("plans", "get", plan.PlanId);
        var list = await cli.RunAsync("plans", "list", "--state", "completed");

        Assert.That(approved.ExitCode, Is.EqualTo(0), approved.ToString());
        Assert.That(approved.Out, Does.Contain($"cloudgov plans watch {plan.PlanId}"));
        Assert.That(watch.ExitCode, Is.EqualTo(0), watch.ToString());
        foreach (var move in plan.Moves)
        {
            Assert.That(watch.Out, Does.Contain($"move {move.Index} {move.WorkloadId} {Hot} → {Cold}: placing").Or.Contain($"move {move.Index} {move.WorkloadId} {Hot} → {Cold}: removing"), $"move {move.Index} shown under way:\n{watch.Out}");
            Assert.That(watch.Out, Does.Contain($"move {move.Index} {move.WorkloadId} {Hot} → {Cold}: completed"), $"move {move.Index} followed to its end:\n{watch.Out}");
        }

        Assert.That(watch.Out, Does.Contain($"ended completed: {plan.Moves.Count}: {plan.Moves.Count} completed"));
        int planCompletedLine = watch.Out.IndexOf($"plan {plan.PlanId} completed", StringComparison.Ordinal);
        Assert.That(planCompletedLine, Is.GreaterThan(watch.Out.LastIndexOf(": completed", StringComparison.Ordinal)),
            $"the plan's end is printed after the move that ended it, also when one event carries both:\n{watch.Out}");
        var final = (await _cloud.Operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId })).Plan;
        Assert.That(final.State, Is.EqualTo(PlanState.Completed));
        Assert.That(watchJson.ExitCode, Is.EqualTo(0));
        var jsonEvent = JsonParser.Default.Parse<WatchPlanEvent>(watchJson.Out.Trim().Split('\n').Single());
        Assert.That(jsonEvent.Plan, Is.EqualTo(final), "one JSON line per event: the API's WatchPlanEvent");
        Assert.That(jsonEvent.Snapshot && jsonEvent.Final, Is.True, "a finished plan: one event, both snapshot and final");
        Assert.That(get.Out, Does.Contain("变更窗口").And.Contain(CloudGov.Testing.Identity.TestTokens.OperatorSubject));
        Assert.That(list.Out, Does.Contain(plan.PlanId).And.Not.Contain(first.PlanId));
    }

    private static string Read(TextWriter shared, StringWriter inner)
    {
        lock (shared)
        {
            return inner.ToString();
        }
    }

    [Test]
    public async Task PlansGet_UnknownAndMalformedIds_NotFound15AndInvalidArgument13()
    {
        var cli = await CliRun.LoggedInAsync(_cloud.ControlPlane.GrpcAddress, CloudGov.Testing.Identity.TestTokens.Operator);

        var unknown = await cli.RunAsync("plans", "get", "plan-0123456789abcdef");
        var malformed = await cli.RunAsync("plans", "watch", "../etc");

        Assert.That(unknown.ExitCode, Is.EqualTo(15), unknown.ToString());
        Assert.That(malformed.ExitCode, Is.EqualTo(13), malformed.ToString());
    }
}
