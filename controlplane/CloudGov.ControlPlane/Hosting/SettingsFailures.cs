namespace CloudGov.ControlPlane.Hosting;

/// <summary>
/// Reads the settings problems out of a failed start: the host validates every area's options at start and throws one
/// <see cref="OptionsValidationException"/> per bad section (inside an <see cref="AggregateException"/> when several
/// are bad); this lists every failure, each naming its <c>section:key</c> and the allowed range.
/// </summary>
public static class SettingsFailures
{
    /// <summary>
    /// Every settings failure in <paramref name="exception"/>, each once (a validator that reads another section's
    /// options rethrows that section's failures); empty when it is not about settings.
    /// </summary>
    public static IReadOnlyList<string> From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failures = new List<string>();
        Collect(exception, failures);
        return [.. failures.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The text printed when the host cannot start because of its settings.</summary>
    public static string Describe(IReadOnlyList<string> failures) =>
        $"The control plane cannot start: {failures.Count} setting{(failures.Count == 1 ? " is" : "s are")} invalid.{Environment.NewLine}" +
        string.Join(Environment.NewLine, failures.Select(f => $"  - {f}"));

    private static void Collect(Exception exception, List<string> failures)
    {
        switch (exception)
        {
            case OptionsValidationException options:
                failures.AddRange(options.Failures);
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, failures);
                }

                break;
        }
    }
}
