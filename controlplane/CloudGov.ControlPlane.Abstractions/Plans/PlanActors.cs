namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>The names recorded as <see cref="PlanDecision.By"/> when the control plane itself decides.</summary>
public static class PlanActors
{
    /// <summary>The scheduler that proposed the plan.</summary>
    public const string Scheduler = "scheduler";

    /// <summary>The configured auto-approval policy.</summary>
    public const string AutoApproval = "policy:auto-approval";

    /// <summary>The executor that carries out approved plans.</summary>
    public const string Executor = "executor";

    /// <summary>The clock (expiry).</summary>
    public const string Clock = "clock";
}
