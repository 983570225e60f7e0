using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Jobs;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>Plans:RebalanceSchedule: off when empty, an interval, or a Quartz cron expression; anything else fails at start.</summary>
public sealed class RebalanceScheduleTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Parse_Empty_Disabled(string? text)
    {
        var schedule = RebalanceSchedule.Parse(text, out var error);

        Assert.That(schedule.Enabled, Is.False);
        Assert.That(error, Is.Null);
    }

    [Test]
    public void Parse_TimeSpan_Interval()
    {
        var schedule = RebalanceSchedule.Parse("00:15:00", out var error);

        Assert.That(schedule.Interval, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(error, Is.Null);
    }

    [Test]
    public void Parse_CronExpression_Cron()
    {
        var schedule = RebalanceSchedule.Parse("0 0/30 * * * ?", out var error);

        Assert.That(schedule.Cron, Is.EqualTo("0 0/30 * * * ?"));
        Assert.That(error, Is.Null);
    }

    [TestCase("00:00:01", "shorter than")]
    [TestCase("every hour", "neither an interval")]
    public void Parse_Invalid_ErrorSaysWhy(string text, string expected)
    {
        RebalanceSchedule.Parse(text, out var error);

        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public void Validate_GapNotShorterThanInterval_Fails()
    {
        var options = new PlanPolicyOptions { RebalanceSchedule = "00:00:20", MinScheduledRoundGap = TimeSpan.FromSeconds(30) };

        var result = new RebalanceScheduleValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Plans:MinScheduledRoundGap"));
    }
}
