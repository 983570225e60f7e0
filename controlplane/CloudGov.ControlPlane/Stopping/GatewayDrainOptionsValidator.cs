namespace CloudGov.ControlPlane.Stopping;

/// <summary>Checks <see cref="GatewayDrainOptions"/>.</summary>
internal sealed class GatewayDrainOptionsValidator : IValidateOptions<GatewayDrainOptions>
{
    /// <summary>The shortest drain timeout.</summary>
    internal static readonly TimeSpan Min = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest drain timeout (well under the host's 30 s shutdown timeout).</summary>
    internal static readonly TimeSpan Max = TimeSpan.FromSeconds(20);

    public ValidateOptionsResult Validate(string? name, GatewayDrainOptions options) =>
        options.DrainTimeout < Min || options.DrainTimeout > Max
            ? ValidateOptionsResult.Fail($"{GatewayDrainOptions.SectionName}:{nameof(GatewayDrainOptions.DrainTimeout)} is {options.DrainTimeout}; it must be between {Min} and {Max}.")
            : ValidateOptionsResult.Success;
}
