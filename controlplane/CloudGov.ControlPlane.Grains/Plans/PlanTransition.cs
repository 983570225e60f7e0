namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>The result of a lifecycle step: the next plan, or an error saying why the step does not apply.</summary>
public sealed record PlanTransition(PlanRecord? Next, string? Error)
{
    /// <summary>True when the step applies.</summary>
    public bool Succeeded => Next is not null;
}
