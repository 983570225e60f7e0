using CloudGov.ControlPlane.Stopping;

namespace CloudGov.ControlPlane.Tests.Stopping;

public sealed class GatewayDrainOptionsValidatorTests
{
    [Test]
    public void Validate_Defaults_Succeed() =>
        Assert.That(new GatewayDrainOptionsValidator().Validate(null, new GatewayDrainOptions()).Succeeded, Is.True);

    [TestCase(0)]
    [TestCase(5000)]
    public void Validate_StatusGraceAtItsBounds_Succeeds(int milliseconds) =>
        Assert.That(new GatewayDrainOptionsValidator().Validate(null, new GatewayDrainOptions { StatusGrace = TimeSpan.FromMilliseconds(milliseconds) }).Succeeded, Is.True);

    [TestCase(-1)]
    [TestCase(5001)]
    public void Validate_StatusGraceOutOfRange_FailsNamingTheSetting(int milliseconds) =>
        Assert.That(
            new GatewayDrainOptionsValidator().Validate(null, new GatewayDrainOptions { StatusGrace = TimeSpan.FromMilliseconds(milliseconds) }).FailureMessage,
            Does.Contain("Shutdown:StatusGrace"));

    [Test]
    public void Validate_DrainTimeoutOutOfRange_FailsNamingTheSetting() =>
        Assert.That(
            new GatewayDrainOptionsValidator().Validate(null, new GatewayDrainOptions { DrainTimeout = TimeSpan.FromMilliseconds(50) }).FailureMessage,
            Does.Contain("Shutdown:DrainTimeout"));
}
