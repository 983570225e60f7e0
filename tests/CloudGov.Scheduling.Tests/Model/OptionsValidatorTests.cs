using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Tests.Model;

public sealed class OptionsValidatorTests
{
    [Test]
    public void Validate_Defaults_NoErrors()
    {
        Assert.That(SchedulingOptionsValidator.Validate(new SchedulingOptions()), Is.Empty);
        Assert.That(CloudGovRebalanceOptionsValidator.Validate(new CloudGovRebalanceOptions()), Is.Empty);
    }

    [Test]
    public void Validate_HeadroomOutOfRange_Error() =>
        Assert.That(SchedulingOptionsValidator.Validate(new SchedulingOptions { Headroom = 0.7 }), Has.One.Contains("Headroom"));

    [Test]
    public void Validate_AllWeightsZero_Error() =>
        Assert.That(
            SchedulingOptionsValidator.Validate(new SchedulingOptions { BalanceWeight = 0, CostWeight = 0, StabilityWeight = 0 }),
            Has.One.Contains("weight"));

    [Test]
    public void Validate_ZoneBudgetAbovePlanBudget_Error() =>
        Assert.That(
            CloudGovRebalanceOptionsValidator.Validate(new CloudGovRebalanceOptions { MaxMovesPerPlan = 5, MaxMovesPerSourceZone = 10 }),
            Has.One.Contains(nameof(CloudGovRebalanceOptions.MaxMovesPerSourceZone)));

    [Test]
    public void Validate_NonPositiveBudgetAndNegativeCooldown_Errors() =>
        Assert.That(
            CloudGovRebalanceOptionsValidator.Validate(new CloudGovRebalanceOptions { MaxMovesPerTenant = 0, Cooldown = TimeSpan.FromMinutes(-1) }),
            Has.Count.EqualTo(2));

    [Test]
    public void Constructor_InvalidOptions_Throws() =>
        Assert.That(() => Support.Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 0 }), Throws.ArgumentException);
}
