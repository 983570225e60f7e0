namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>One bad input field: its path as the API spells it, and what to fix (quoting at most a short prefix of the value).</summary>
public sealed record FieldProblem(string Field, string Description)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Description}";
}
