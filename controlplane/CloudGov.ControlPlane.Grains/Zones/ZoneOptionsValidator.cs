namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>Checks each zone setting's range and the rules across settings.</summary>
public sealed class ZoneOptionsValidator : IValidateOptions<ZoneOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ZoneOptions options)
    {
        var failures = new List<string>();
        Range(failures, "Zones:ReportInterval", options.ReportInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Range(failures, "Zones:StalenessWindow", options.StalenessWindow, TimeSpan.FromMilliseconds(200), TimeSpan.FromHours(1));
        Range(failures, "Zones:StateFlushInterval", options.StateFlushInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(failures, "Zones:IndexPublishInterval", options.IndexPublishInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        Range(failures, "Zones:IndexFlushInterval", options.IndexFlushInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        Range(failures, "Zones:ListResyncInterval", options.ListResyncInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Range(failures, "Zones:ListFirstSnapshotTimeout", options.ListFirstSnapshotTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(failures, "Zones:CommandPollInterval", options.CommandPollInterval, TimeSpan.FromMilliseconds(20), TimeSpan.FromHours(1));
        if (options.StalenessWindow < options.ReportInterval * 2)
        {
            failures.Add($"Zones:StalenessWindow ({options.StalenessWindow}) must be at least twice Zones:ReportInterval ({options.ReportInterval}), or healthy zones would flap to Unreachable.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} is {value}; it must be between {min} and {max}.");
        }
    }
}
