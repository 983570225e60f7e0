using System.Globalization;

namespace CloudGov.Burst.Benchmarks;

/// <summary>The figures of one burst run.</summary>
internal sealed record BurstResult(
    int Zones,
    double ConnectSeconds,
    int RestSamples,
    double RestP50,
    double RestP99,
    int BurstSamples,
    double BurstP50,
    double BurstP99,
    double? ReadySeconds,
    int HealthAnswers,
    IReadOnlyList<string> HealthFailures,
    int AnswerBytes,
    IReadOnlyList<string> ListErrors,
    double RegisterSeconds,
    string SamplerWhere)
{
    /// <summary>The nice value of the simulated agents' threads during the burst (0: the host's own priority).</summary>
    public int AgentsNice { get; init; }

    /// <summary>p99 during the burst over p99 at rest.</summary>
    public double Ratio => BurstP99 / RestP99;

    /// <summary>p99 during the burst ≤ 5 × at rest, health never red, every zone Ready, no ListZones call refused.</summary>
    public bool MeetsTarget => Ratio <= 5 && HealthFailures.Count == 0 && ReadySeconds is not null && ListErrors.Count == 0;

    /// <summary>One block of text for the console and the README.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"""
        N = {Zones:N0}: first start: all {Zones:N0} zones registered and Ready after {RegisterSeconds:F1} s ({BurstBenchmark.RegisterParallel} at a time)
          after the restart: {Zones:N0} streams opened (Hello → Welcome → report) in {ConnectSeconds:F2} s; ListZones answer {AnswerBytes / 1024.0:F0} KiB
          ListZones asked from {SamplerWhere}; the agents at nice {AgentsNice}
          ListZones at rest     p50 {RestP50:F1} ms  p99 {RestP99:F1} ms  ({RestSamples} calls)
          ListZones in burst    p50 {BurstP50:F1} ms  p99 {BurstP99:F1} ms  ({BurstSamples} calls; {ListErrors.Count} failed at rest or in the burst{(ListErrors.Count > 0 ? ": " + string.Join(", ", ListErrors.Take(3)) : string.Empty)})   ratio p99 burst/rest {Ratio:F2} (target ≤ 5)
          every zone Ready, connected, at the new sequence after {(ReadySeconds is { } r ? $"{r:F2} s" : "— (not within the limit)")}
          /healthz: {HealthAnswers} answers, {HealthFailures.Count} not 200{(HealthFailures.Count > 0 ? " — " + string.Join(", ", HealthFailures.Take(5)) : string.Empty)}
        """);
}
