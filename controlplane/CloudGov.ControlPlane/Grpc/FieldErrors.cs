using CloudGov.ControlPlane.Grains.Ledger;
using Google.Rpc;
using RpcStatus = Google.Rpc.Status;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Bad input as InvalidArgument with a google.rpc.BadRequest naming every field; the message names them too.</summary>
/// <remarks>
/// Bounded: a field path at most 128 characters, a description at most 512, the status message at most 4,096 — a status
/// travels in an HTTP/2 trailer, and a trailer larger than the client's header limit stalls the caller's connection.
/// Descriptions quote bad values through <see cref="WireText.Quote"/> (32 characters, escaped) in the first place.
/// </remarks>
internal static class FieldErrors
{
    private const int MaxFieldLength = 128;
    private const int MaxDescriptionLength = 512;
    private const int MaxMessageLength = 4096;

    /// <summary>Throws InvalidArgument with field violations when <paramref name="problems"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }
    }

    /// <summary>The InvalidArgument exception for <paramref name="problems"/> (at most 20 named).</summary>
    public static RpcException Invalid(IReadOnlyList<FieldProblem> problems)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(problems.Take(20).Select(p => new BadRequest.Types.FieldViolation { Field = Cap(p.Field, MaxFieldLength), Description = Cap(p.Description, MaxDescriptionLength) }));
        string message = Cap(string.Join("; ", problems.Take(10).Select(p => $"{Cap(p.Field, MaxFieldLength)}: {Cap(p.Description, MaxDescriptionLength)}")), MaxMessageLength)
            + (problems.Count > 10 ? $"; and {problems.Count - 10} more" : string.Empty);
        var status = new RpcStatus
        {
            Code = (int)Code.InvalidArgument,
            Message = message,
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : WireText.Excerpt(text, max);

    /// <summary>Throws InvalidArgument for one field.</summary>
    public static RpcException Invalid(string field, string description) => Invalid([new FieldProblem(field, description)]);
}
