namespace CloudGov.ControlPlane.Abstractions.Live;

/// <summary>The live feed's timing, shared by the feed grain and its subscribers.</summary>
public static class LiveFeed
{
    /// <summary>How long a subscription lasts without renewal.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>How often a subscriber renews (well within <see cref="SubscriptionLifetime"/>).</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(30);
}
