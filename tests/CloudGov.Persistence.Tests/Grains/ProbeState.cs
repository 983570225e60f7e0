namespace CloudGov.Persistence.Tests.Grains;

[GenerateSerializer, Alias("cloudgov.tests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public int Counter { get; set; }

    [Id(1)] public string Note { get; set; } = "";
}
