using System.Diagnostics;
using CloudGov.Proto.Operations.V1;
using Grpc.Core;
using Grpc.Net.Client;
using CloudGov.Testing.Identity;

namespace CloudGov.Cluster.Tests.Support;

/// <summary>Rebalance plans through the operations gRPC API, each call with a deadline; and plans in words for failure messages.</summary>
internal static class Plans
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Host settings for plan tests: <see cref="Hosts.FastZones"/>, zones handing out commands every 50 ms, plans
    /// stepping every 100 ms, moves rolling back after 30 s, and the resume reminder every 2 s.
    /// </summary>
    public static Dictionary<string, string?> FastExecution()
    {
        var settings = Hosts.FastZones();
        settings["Zones:CommandPollInterval"] = "00:00:00.050";
        settings["Plans:Execution:PollInterval"] = "00:00:00.100";
        settings["Plans:Execution:MoveTimeout"] = "00:00:30";
        settings["Plans:Execution:ResumeInterval"] = "00:00:02";
        return settings;
    }

    /// <summary>Proposes (and stores) a rebalance plan.</summary>
    public static async Task<ProposeRebalanceResponse> ProposeAsync(GrpcChannel channel) =>
        await Client(channel).ProposeRebalanceAsync(new ProposeRebalanceRequest(), deadline: DateTime.UtcNow + CallDeadline);

    /// <summary>Approves a plan as an operator.</summary>
    public static async Task<Plan> ApproveAsync(GrpcChannel channel, string planId) =>
        (await Client(channel).ApprovePlanAsync(
            new ApprovePlanRequest { PlanId = planId, Reason = "变更窗口" }, TestTokens.As("张工"),
            deadline: DateTime.UtcNow + CallDeadline)).Plan;

    /// <summary>The plan as <paramref name="channel"/>'s host answers it.</summary>
    public static async Task<Plan> GetAsync(GrpcChannel channel, string planId, TimeSpan? deadline = null) =>
        (await Client(channel).GetPlanAsync(new GetPlanRequest { PlanId = planId }, deadline: DateTime.UtcNow + (deadline ?? CallDeadline))).Plan;

    /// <summary>The plan, or null if the host does not answer (yet).</summary>
    public static async Task<Plan?> TryGetAsync(GrpcChannel channel, string planId, TimeSpan deadline)
    {
        try
        {
            return await GetAsync(channel, planId, deadline);
        }
        catch (RpcException)
        {
            return null;
        }
    }

    /// <summary>True once the plan has ended (Completed, PartiallyFailed or Cancelled).</summary>
    public static bool HasEnded(Plan plan) => plan.State is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled;

    /// <summary>
    /// Polls until <paramref name="until"/> holds for the plan, as <paramref name="channel"/>'s host answers it, and
    /// returns that plan; fails after <paramref name="timeout"/> with the last plan seen and <paramref name="diagnostics"/>.
    /// </summary>
    public static async Task<Plan> WaitAsync(GrpcChannel channel, string planId, Func<Plan, bool> until, string expectation, TimeSpan timeout, Func<string> diagnostics)
    {
        var watch = Stopwatch.StartNew();
        Plan? last = null;
        while (watch.Elapsed < timeout)
        {
            var plan = await TryGetAsync(channel, planId, TimeSpan.FromSeconds(2));
            if (plan is not null)
            {
                last = plan;
                if (until(plan))
                {
                    return plan;
                }
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting for: {expectation}\nlast plan seen:\n{(last is null ? "(none: the host never answered)" : Describe(last))}\n{diagnostics()}");
        throw new UnreachableException();
    }

    /// <summary>The plan's state, history and every move's state and message.</summary>
    public static string Describe(Plan plan) =>
        $"plan {plan.PlanId} {plan.State}; history: {string.Join(" → ", plan.History.Select(d => $"{d.To} by {d.By} ({d.Reason})"))}\n"
        + string.Join("\n", plan.Moves.Select(m => $"  {m.Index} {m.WorkloadId} {m.FromZoneId} -> {m.ToZoneId} {m.State}: {m.Message}"));

    /// <summary>How many moves are in each state, e.g. "Completed 3, Placing 2, Pending 20".</summary>
    public static string Tally(Plan plan) =>
        string.Join(", ", plan.Moves.GroupBy(m => m.State).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    private static OperationsService.OperationsServiceClient Client(GrpcChannel channel) => new(channel);
}
