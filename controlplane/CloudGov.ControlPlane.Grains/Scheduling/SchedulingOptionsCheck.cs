using CloudGov.Scheduling;

namespace CloudGov.ControlPlane.Grains.Scheduling;

/// <summary>Checks <c>CloudGov:Scheduling</c> at start with the scheduler's own rules (<see cref="SchedulingOptionsValidator"/>).</summary>
internal sealed class SchedulingOptionsCheck : IValidateOptions<SchedulingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options) =>
        SectionFailures.From<SchedulingOptions>(SchedulingOptions.SectionName, SchedulingOptionsValidator.Validate(options));
}
