namespace CloudGov.Scheduling.Rebalancing;

/// <summary>A stable code with readable text in English and Chinese (zh-CN), for moves and plan notes.</summary>
public sealed record Reason(string Code, string English, string Chinese)
{
    public override string ToString() => $"{Code}: {English}";
}
