namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>Whether the silo a zone session names is gone, from this silo's view of the cluster membership. Pure.</summary>
internal static class SessionHostLiveness
{
    /// <summary>
    /// True when <paramref name="host"/> is <c>Dead</c> in the membership, or unknown to it and older than
    /// <paramref name="local"/> (every silo alive when this one joined is in the table it read; a restarted single-node host
    /// has a newer generation on the same endpoint). A host unknown and newer may have joined a moment ago: alive.
    /// A host that cannot be parsed is not judged.
    /// </summary>
    public static bool IsGone(string host, Func<SiloAddress, SiloStatus> statusOf, SiloAddress local)
    {
        SiloAddress address;
        try
        {
            address = SiloAddress.FromParsableString(host);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return false;
        }

        return statusOf(address) switch
        {
            SiloStatus.Dead => true,
            SiloStatus.None => address.Generation < local.Generation,
            _ => false,
        };
    }
}
