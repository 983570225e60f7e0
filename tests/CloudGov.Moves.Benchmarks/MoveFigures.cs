using System.Globalization;

namespace CloudGov.Moves.Benchmarks;

/// <summary>One configuration's figures: per-move overhead (duration less the provider's time), and the plan's wall time.</summary>
internal sealed record MoveFigures(string Name, IReadOnlyList<double> OverheadSeconds, IReadOnlyList<double> ProviderSeconds, double PlanSeconds, int Completed, int Moves)
{
    public double Median => Quantile(0.5);

    public double P99 => Quantile(0.99);

    public double Quantile(double q)
    {
        if (OverheadSeconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = OverheadSeconds.Order().ToArray();
        // Nearest rank: the smallest value with at least q of the samples at or below it.
        int rank = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[rank];
    }

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-34} moves {Completed}/{Moves}  overhead per move: median {Median:F3} s  p99 {P99:F3} s  max {Quantile(1):F3} s  provider median {MedianOf(ProviderSeconds):F3} s  plan {PlanSeconds:F1} s");

    private static double MedianOf(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);
}
