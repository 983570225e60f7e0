namespace CloudGov.ControlPlane.Grpc;

/// <summary>What a push from the index did to a host's copy of the zone list.</summary>
internal enum ZoneListPushOutcome
{
    /// <summary>It followed on from the copy; the changed zones are in.</summary>
    Applied,

    /// <summary>Nothing changed at the index; the copy is current.</summary>
    Heartbeat,

    /// <summary>It arrived after a later push or read; ignored.</summary>
    Late,

    /// <summary>A push is missing or the index was re-activated: the copy must be read again.</summary>
    Gap,
}
