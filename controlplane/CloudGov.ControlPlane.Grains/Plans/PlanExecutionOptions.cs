namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>How approved plans are carried out (<c>Plans:Execution</c>).</summary>
public sealed class PlanExecutionOptions
{
    /// <summary>
    /// How often an executing plan looks at its zones and advances its moves when no zone told it of news: the safety net
    /// behind the zones' pushes (<c>Zones:CommandPush</c>), which step the plan at once when a command of it is answered or a
    /// workload it placed changes state. Default 5 s (500 ms before pushes); 10 ms to 1 h.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a move may take from its place command until the target reports the workload Running; past it the move
    /// rolls back. Also the place command's deadline, so an agent that sees the command later does not carry it out.
    /// Default 5 min; 1 s to 1 day.
    /// </summary>
    public TimeSpan MoveTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The deadline on the remove command sent to the source. While the source's agent is away the move waits (the
    /// workload runs in both zones, never in none); an agent back after this refuses the remove and the move rolls
    /// back instead. Default 1 day; 1 s to 30 days.
    /// </summary>
    public TimeSpan RemoveTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most moves of one plan in flight at once. Default 8; 1 to 1,000.</summary>
    public int MaxConcurrentMoves { get; set; } = 8;

    /// <summary>Most moves in flight touching one zone (as source or target). Default 2; 1 to 1,000.</summary>
    public int MaxConcurrentMovesPerZone { get; set; } = 2;

    /// <summary>
    /// Period of the durable reminder that wakes an approved or executing plan after a restart or a host failure.
    /// Default 1 min; 1 s to 1 h (the host lowers Orleans' minimum reminder period to match).
    /// </summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromMinutes(1);
}
