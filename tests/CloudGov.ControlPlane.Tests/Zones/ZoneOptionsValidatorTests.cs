using CloudGov.ControlPlane.Grains.Zones;

namespace CloudGov.ControlPlane.Tests.Zones;

public sealed class ZoneOptionsValidatorTests
{
    [Test]
    public void Validate_Defaults_Succeed() =>
        Assert.That(new ZoneOptionsValidator().Validate(null, new ZoneOptions()).Succeeded, Is.True);

    [Test]
    public void Validate_StalenessWindowShorterThanTwoReports_FailsNamingBothSettings()
    {
        var result = new ZoneOptionsValidator().Validate(null, new ZoneOptions { ReportInterval = TimeSpan.FromSeconds(20), StalenessWindow = TimeSpan.FromSeconds(30) });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Zones:StalenessWindow").And.Contain("Zones:ReportInterval"));
    }

    [Test]
    public void Validate_IntervalOutOfRange_Fails() =>
        Assert.That(new ZoneOptionsValidator().Validate(null, new ZoneOptions { ReportInterval = TimeSpan.FromMilliseconds(1) }).FailureMessage, Does.Contain("Zones:ReportInterval"));
}
