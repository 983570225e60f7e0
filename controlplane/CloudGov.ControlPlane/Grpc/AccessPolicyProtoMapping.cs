using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Maps a workload's access-control policy between the wire and the domain.</summary>
internal static class AccessPolicyProtoMapping
{
    /// <summary>The policy on the wire as the domain's (<see cref="AccessPolicy.FromWire"/>), or null when none was given.</summary>
    public static AccessPolicy? ToDomain(this Common.AccessPolicy? policy) =>
        policy is null ? null : AccessPolicy.FromWire([.. policy.Ingress.Select(r => new AccessRule(
            (AccessProtocol)(int)r.Protocol,
            (int)Math.Min(r.PortFrom, int.MaxValue),
            (int)Math.Min(r.PortTo, int.MaxValue),
            r.SourceCidr))]);

    /// <summary>The policy for the wire.</summary>
    public static Common.AccessPolicy ToProto(this AccessPolicy policy)
    {
        var proto = new Common.AccessPolicy();
        proto.Ingress.AddRange((policy.Ingress.IsDefault ? [] : policy.Ingress).Select(r => new Common.AccessRule
        {
            Protocol = (Common.AccessProtocol)(int)r.Protocol,
            PortFrom = (uint)Math.Max(r.PortFrom, 0),
            PortTo = (uint)Math.Max(r.PortTo, 0),
            SourceCidr = r.SourceCidr,
        }));
        return proto;
    }
}
