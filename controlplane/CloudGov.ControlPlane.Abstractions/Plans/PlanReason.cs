namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>A stable code with text in English and Chinese (zh-CN): why a move is proposed, a plan note, a policy verdict.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlanReason")]
public sealed record PlanReason(
    [property: Id(0)] string Code,
    [property: Id(1)] string English,
    [property: Id(2)] string Chinese);
