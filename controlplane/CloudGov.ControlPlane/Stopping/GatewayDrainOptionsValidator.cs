namespace CloudGov.ControlPlane.Stopping;

/// <summary>Checks <see cref="GatewayDrainOptions"/>.</summary>
internal sealed class GatewayDrainOptionsValidator : IValidateOptions<GatewayDrainOptions>
{
    /// <summary>The shortest drain timeout.</summary>
    internal static readonly TimeSpan Min = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest drain timeout (well under the host's 30 s shutdown timeout).</summary>
    internal static readonly TimeSpan Max = TimeSpan.FromSeconds(20);

    /// <summary>The longest grace after the last stream ended.</summary>
    internal static readonly TimeSpan MaxStatusGrace = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, GatewayDrainOptions options)
    {
        if (options.DrainTimeout < Min || options.DrainTimeout > Max)
        {
            return ValidateOptionsResult.Fail($"{GatewayDrainOptions.SectionName}:{nameof(GatewayDrainOptions.DrainTimeout)} is {options.DrainTimeout}; it must be between {Min} and {Max}.");
        }

        return options.StatusGrace < TimeSpan.Zero || options.StatusGrace > MaxStatusGrace
            ? ValidateOptionsResult.Fail($"{GatewayDrainOptions.SectionName}:{nameof(GatewayDrainOptions.StatusGrace)} is {options.StatusGrace}; it must be between {TimeSpan.Zero} and {MaxStatusGrace}.")
            : ValidateOptionsResult.Success;
    }
}
