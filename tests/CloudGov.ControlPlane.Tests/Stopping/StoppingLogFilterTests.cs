using CloudGov.ControlPlane.Stopping;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace CloudGov.ControlPlane.Tests.Stopping;

public sealed class StoppingLogFilterTests
{
    private static readonly EventId Addressing = new(StoppingLogFilter.FailedToAddressMessage);

    [Test]
    public void IsExpectedWhileStopping_AddressingFailureOfAStoppingSilo_True() =>
        Assert.That(StoppingLogFilter.IsExpectedWhileStopping(Addressing, new SiloUnavailableException("Silo is shutting down"), "Failed to address message", stopping: true), Is.True);

    [Test]
    public void IsExpectedWhileStopping_NoMigrationDestination_True() =>
        Assert.That(StoppingLogFilter.IsExpectedWhileStopping(new EventId(1), new OrleansException("No active nodes"), StoppingLogFilter.NoMigrationDestination + " for zone/x", stopping: true), Is.True);

    [Test]
    public void IsExpectedWhileStopping_SameMessagesWhileRunning_False() =>
        Assert.That(StoppingLogFilter.IsExpectedWhileStopping(Addressing, new SiloUnavailableException("Silo is shutting down"), "Failed to address message", stopping: false), Is.False);

    [Test]
    public void IsExpectedWhileStopping_OtherFailureWhileStopping_False() =>
        Assert.That(StoppingLogFilter.IsExpectedWhileStopping(Addressing, new InvalidOperationException("boom"), "Failed to address message", stopping: true), Is.False);
}
