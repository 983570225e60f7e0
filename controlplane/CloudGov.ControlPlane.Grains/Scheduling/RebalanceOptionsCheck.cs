using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.ControlPlane.Grains.Scheduling;

/// <summary>Checks <c>CloudGov:Scheduling:Rebalance</c> at start with the strategy's own rules (<see cref="CloudGovRebalanceOptionsValidator"/>).</summary>
internal sealed class RebalanceOptionsCheck : IValidateOptions<CloudGovRebalanceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CloudGovRebalanceOptions options) =>
        SectionFailures.From<CloudGovRebalanceOptions>(CloudGovRebalanceOptions.SectionName, CloudGovRebalanceOptionsValidator.Validate(options));
}
