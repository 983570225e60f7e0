using System.Diagnostics;
using CloudGov.ControlPlane.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace CloudGov.ControlPlane.Tests.Hosting;

/// <summary>
/// The membership clock keeps Orleans' watchdog from reporting the machine's uptime as a stall at every start: a
/// timestamp Orleans has not set yet (zero) reads as the moments since the clock was made, not the time since boot.
/// </summary>
public sealed class MembershipClockTests
{
    [Test]
    public void GetElapsedTime_FromUnsetTimestamp_IsTimeSinceTheClockWasMadeNotSinceBoot()
    {
        var clock = new MembershipClock();

        Assert.That(clock.GetElapsedTime(0), Is.LessThan(TimeSpan.FromSeconds(20)),
            "below the watchdog's warning threshold (twice LocalHealthDegradationMonitoringPeriod, 10 s by default)");
        Assert.That(clock.GetTimestamp(), Is.GreaterThan(0));
    }

    [Test]
    public void GetTimestamp_TwoReadings_DifferLikeStopwatchAndTellRealTime()
    {
        var clock = new MembershipClock();
        var watch = Stopwatch.StartNew();
        var first = clock.GetTimestamp();
        while (watch.ElapsedTicks < Stopwatch.Frequency / 100)
        {
            Thread.SpinWait(100);
        }

        var elapsed = clock.GetElapsedTime(first);

        Assert.That(clock.TimestampFrequency, Is.EqualTo(Stopwatch.Frequency));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(10)));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Build_ControlPlane_MembershipKeyResolvesToTheMembershipClock()
    {
        await using WebApplication app = ControlPlaneApp.Build([]);

        Assert.That(app.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership), Is.InstanceOf<MembershipClock>());
        Assert.That(app.Services.GetRequiredService<TimeProvider>(), Is.SameAs(TimeProvider.System), "everything else keeps the system clock");
    }
}
