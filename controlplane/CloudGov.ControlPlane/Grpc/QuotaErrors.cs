using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using Google.Rpc;
using RpcStatus = Google.Rpc.Status;
using QuotaFailure = CloudGov.ControlPlane.Abstractions.Tenants.QuotaFailure;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The quota API's statuses: a refused command becomes the status its failure names; a shortfall of quota is
/// <c>RESOURCE_EXHAUSTED</c> with a google.rpc.ErrorInfo (reason <c>TENANT_QUOTA_EXCEEDED</c>, metadata <c>level</c>: the
/// tenant id of the level that is short, or <c>one-cloud</c>).
/// </summary>
internal static class QuotaErrors
{
    /// <summary>The ErrorInfo domain.</summary>
    public const string Domain = "cloudgov.io";

    /// <summary>The result's request, or the exception its failure names.</summary>
    public static QuotaRequestRecord RequestOrThrow(this QuotaResult result) =>
        result.Succeeded && result.Request is { } r ? r : throw ToException(result);

    /// <summary>The result's tenant, or the exception its failure names.</summary>
    public static TenantNode TenantOrThrow(this QuotaResult result) =>
        result.Succeeded && result.Tenant is { } t ? t : throw ToException(result);

    /// <summary>RESOURCE_EXHAUSTED with ErrorInfo TENANT_QUOTA_EXCEEDED naming the level that is short.</summary>
    public static RpcException QuotaExceeded(string message, string level)
    {
        var info = new ErrorInfo { Reason = QuotaEnforcement.Code, Domain = Domain };
        info.Metadata.Add("level", level);
        return new RpcStatus
        {
            Code = (int)Code.ResourceExhausted,
            Message = message.Length <= 1024 ? message : WireText.Excerpt(message, 1024),
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(info) },
        }.ToRpcException();
    }

    /// <summary>The level named in a <c>TENANT_QUOTA_EXCEEDED at LEVEL: …</c> message.</summary>
    public static string LevelOf(string message)
    {
        const string prefix = QuotaEnforcement.Code + " at ";
        int start = message.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += prefix.Length;
        int end = message.IndexOf(':', start);
        return end < 0 ? string.Empty : message[start..end];
    }

    private static RpcException ToException(QuotaResult result) => result.Failure switch
    {
        QuotaFailure.QuotaExceeded => QuotaExceeded(result.Message, result.ShortLevel),
        QuotaFailure.Invalid => FieldErrors.Invalid(result.Field.Length == 0 ? "request" : result.Field, result.Message),
        QuotaFailure.NotFound => new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, result.Message)),
        QuotaFailure.AlreadyExists => new RpcException(new global::Grpc.Core.Status(StatusCode.AlreadyExists, result.Message)),
        QuotaFailure.LimitReached => new RpcException(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, result.Message)),
        _ => new RpcException(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, result.Message)),
    };
}
