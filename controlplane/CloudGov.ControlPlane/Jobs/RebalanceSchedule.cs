using System.Globalization;
using Quartz;

namespace CloudGov.ControlPlane.Jobs;

/// <summary>
/// Reads <c>Plans:RebalanceSchedule</c>: empty means off, a TimeSpan (at least 10 s) an interval, anything else a Quartz
/// cron expression.
/// </summary>
internal sealed record RebalanceSchedule(TimeSpan? Interval, string? Cron)
{
    /// <summary>The shortest interval accepted.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    /// <summary>True when the periodic rebalance is on.</summary>
    public bool Enabled => Interval is not null || Cron is not null;

    /// <summary>Parses <paramref name="text"/>; returns an error message instead when it is neither a valid interval nor a valid cron expression.</summary>
    public static RebalanceSchedule Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RebalanceSchedule(null, null);
        }

        text = text.Trim();
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval))
        {
            if (interval < MinInterval)
            {
                error = $"Plans:RebalanceSchedule interval {interval} is shorter than {MinInterval}.";
            }

            return new RebalanceSchedule(interval, null);
        }

        if (!IsValidCron(text))
        {
            error = $"Plans:RebalanceSchedule '{text}' is neither an interval (e.g. 00:15:00) nor a Quartz cron expression (e.g. 0 0/30 * * * ?).";
        }

        return new RebalanceSchedule(null, text);
    }

    /// <summary>True when Quartz accepts <paramref name="text"/> as a cron expression.</summary>
    public static bool IsValidCron(string text)
    {
        try
        {
            _ = new CronExpression(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
