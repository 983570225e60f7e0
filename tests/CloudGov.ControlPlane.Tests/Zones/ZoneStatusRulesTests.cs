namespace CloudGov.ControlPlane.Tests.Zones;

public sealed class ZoneStatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Test]
    public void Effective_ReportWithinWindow_KeepsStoredStatus() =>
        Assert.That(ZoneStatusRules.Effective(ZoneStatus.Ready, Now.AddSeconds(-29), Now, Window), Is.EqualTo(ZoneStatus.Ready));

    [Test]
    public void Effective_ReportOlderThanWindow_IsUnreachable() =>
        Assert.That(ZoneStatusRules.Effective(ZoneStatus.Ready, Now.AddSeconds(-31), Now, Window), Is.EqualTo(ZoneStatus.Unreachable));

    [Test]
    public void Effective_OperatorStates_StandDespiteSilence()
    {
        Assert.That(ZoneStatusRules.Effective(ZoneStatus.Draining, Now.AddHours(-1), Now, Window), Is.EqualTo(ZoneStatus.Draining));
        Assert.That(ZoneStatusRules.Effective(ZoneStatus.Quarantined, Now.AddHours(-1), Now, Window), Is.EqualTo(ZoneStatus.Quarantined));
    }

    [Test]
    public void Effective_NeverReported_IsUnknown() =>
        Assert.That(ZoneStatusRules.Effective(ZoneStatus.Unknown, null, Now, Window), Is.EqualTo(ZoneStatus.Unknown));

    [Test]
    public void AfterReport_DegradedFlag_MakesZoneDegraded_AndHealthyReportRecovers()
    {
        Assert.That(ZoneStatusRules.AfterReport(ZoneStatus.Ready, degraded: true), Is.EqualTo(ZoneStatus.Degraded));
        Assert.That(ZoneStatusRules.AfterReport(ZoneStatus.Unreachable, degraded: false), Is.EqualTo(ZoneStatus.Ready));
        Assert.That(ZoneStatusRules.AfterReport(ZoneStatus.Draining, degraded: false), Is.EqualTo(ZoneStatus.Draining));
    }
}
