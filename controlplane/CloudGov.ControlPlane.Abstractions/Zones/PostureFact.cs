namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>One security posture fact reported by an agent, e.g. <c>ssh.password_auth = disabled</c>.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PostureFact")]
public sealed record PostureFact(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value);
