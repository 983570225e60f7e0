namespace CloudGov.ControlPlane.PlanStreams;

/// <summary>Checks <see cref="PlanWatchOptions"/>.</summary>
internal sealed class PlanWatchOptionsValidator : IValidateOptions<PlanWatchOptions>
{
    /// <summary>The fewest streams a host may be limited to.</summary>
    internal const int MinStreams = 1;

    /// <summary>The most streams a host may be allowed (each holds an HTTP/2 stream and a few hundred bytes).</summary>
    internal const int MaxStreams = 10_000;

    /// <summary>The shortest safety re-read interval (shorter would be polling).</summary>
    internal static readonly TimeSpan MinSafety = TimeSpan.FromSeconds(1);

    /// <summary>The longest safety re-read interval.</summary>
    internal static readonly TimeSpan MaxSafety = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, PlanWatchOptions options)
    {
        var failures = new List<string>();
        if (options.MaxStreamsPerHost is < MinStreams or > MaxStreams)
        {
            failures.Add($"{PlanWatchOptions.SectionName}:{nameof(PlanWatchOptions.MaxStreamsPerHost)} is {options.MaxStreamsPerHost}; it must be between {MinStreams} and {MaxStreams}.");
        }

        if (options.SafetyRereadInterval < MinSafety || options.SafetyRereadInterval > MaxSafety)
        {
            failures.Add($"{PlanWatchOptions.SectionName}:{nameof(PlanWatchOptions.SafetyRereadInterval)} is {options.SafetyRereadInterval}; it must be between {MinSafety} and {MaxSafety}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
