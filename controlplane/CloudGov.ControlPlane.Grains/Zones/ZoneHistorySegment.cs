namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>The pure rules of one history segment: which samples it keeps when one arrives.</summary>
internal static class ZoneHistorySegment
{
    /// <summary>
    /// The samples after <paramref name="sample"/> arrived: its minute added in order; a sample of a later hour (the same
    /// hour of a newer day) replaces everything older; a minute already held, or an older hour, changes nothing (null).
    /// </summary>
    public static ImmutableArray<ZoneUsageSample>? Add(ImmutableArray<ZoneUsageSample> samples, ZoneUsageSample sample)
    {
        var minute = ZoneHistory.Minute(sample.At);
        sample = sample with { At = minute };
        var hour = minute.AddMinutes(-minute.Minute);
        if (samples.IsDefaultOrEmpty)
        {
            return [sample];
        }

        var heldHour = ZoneHistory.Minute(samples[0].At).AddMinutes(-samples[0].At.Minute);
        if (hour > heldHour)
        {
            return [sample];
        }

        if (hour < heldHour || samples.Any(s => s.At == minute))
        {
            return null;
        }

        var next = samples.Add(sample).Sort((a, b) => a.At.CompareTo(b.At));
        return next.Length > ZoneHistory.SamplesPerSegment ? next.RemoveRange(0, next.Length - ZoneHistory.SamplesPerSegment) : next;
    }
}
