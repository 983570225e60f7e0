namespace CloudGov.ControlPlane.Abstractions.Live;

/// <summary>What changed, as the live feed tells its subscribers (a signal only: subscribers read the data through the API).</summary>
public enum LiveTopic
{
    /// <summary>A zone's summary in the one-cloud index changed (status, connection, utilization, workloads).</summary>
    Zones = 1,

    /// <summary>A rebalance plan was stored or changed state, or one of its moves progressed.</summary>
    Plans = 2,

    /// <summary>A quota request or tenant allocation changed.</summary>
    Quota = 3,

    /// <summary>The security baseline's findings or waivers changed.</summary>
    Security = 4,
}
