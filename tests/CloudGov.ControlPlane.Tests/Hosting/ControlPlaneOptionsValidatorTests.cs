using CloudGov.ControlPlane.Hosting;

namespace CloudGov.ControlPlane.Tests.Hosting;

/// <summary>The host's transport and admission settings: a value out of range stops the start naming its key.</summary>
public sealed class ControlPlaneOptionsValidatorTests
{
    private static ControlPlaneOptions Valid() => new() { AllowPlaintextAgents = true };

    [Test]
    public void Defaults_Pass()
    {
        var options = Valid();

        Assert.That(new ControlPlaneOptionsValidator().Validate(null, options).Succeeded, Is.True);
        Assert.That(options.TransportIOQueueCount, Is.Null, "unset keeps Kestrel's own default");
        Assert.That(options.OperatorPriorityPause, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(64)]
    public void TransportIOQueueCount_InRange_Passes(int queues)
    {
        var options = Valid();
        options.TransportIOQueueCount = queues;

        Assert.That(new ControlPlaneOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [TestCase(-1)]
    [TestCase(65)]
    public void TransportIOQueueCount_OutOfRange_FailsNamingIt(int queues)
    {
        var options = Valid();
        options.TransportIOQueueCount = queues;

        Assert.That(new ControlPlaneOptionsValidator().Validate(null, options).FailureMessage, Does.Contain("ControlPlane:TransportIOQueueCount"));
    }

    [TestCase(-1)]
    [TestCase(1001)]
    public void OperatorPriorityPause_OutOfRange_FailsNamingIt(int milliseconds)
    {
        var options = Valid();
        options.OperatorPriorityPause = TimeSpan.FromMilliseconds(milliseconds);

        Assert.That(new ControlPlaneOptionsValidator().Validate(null, options).FailureMessage, Does.Contain("ControlPlane:OperatorPriorityPause"));
    }
}
