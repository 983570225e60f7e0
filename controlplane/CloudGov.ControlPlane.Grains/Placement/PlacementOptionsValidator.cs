using CloudGov.ControlPlane.Grains.Zones;

namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>Checks the placement settings' ranges and their rule against the zones' report interval.</summary>
public sealed class PlacementOptionsValidator(IOptions<ZoneOptions> zoneOptions) : IValidateOptions<PlacementOptions>
{
    /// <summary>The shortest command deadline accepted.</summary>
    public static readonly TimeSpan MinCommandDeadline = TimeSpan.FromSeconds(10);

    /// <summary>The longest command deadline accepted.</summary>
    public static readonly TimeSpan MaxCommandDeadline = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PlacementOptions options)
    {
        var failures = new List<string>();
        if (options.CommandDeadline < MinCommandDeadline || options.CommandDeadline > MaxCommandDeadline)
        {
            failures.Add($"Placement:CommandDeadline is {options.CommandDeadline}; it must be between {MinCommandDeadline} and {MaxCommandDeadline}.");
        }

        var reportInterval = zoneOptions.Value.ReportInterval;
        if (options.CommandDeadline < reportInterval * 2)
        {
            failures.Add($"Placement:CommandDeadline ({options.CommandDeadline}) must be at least twice Zones:ReportInterval ({reportInterval}), or a placed workload's room is released before its zone can report it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
