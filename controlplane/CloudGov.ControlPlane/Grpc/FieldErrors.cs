using CloudGov.ControlPlane.Grains.Ledger;
using Google.Rpc;
using RpcStatus = Google.Rpc.Status;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Bad input as InvalidArgument with a google.rpc.BadRequest naming every field; the message names them too.</summary>
internal static class FieldErrors
{
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
        badRequest.FieldViolations.AddRange(problems.Take(20).Select(p => new BadRequest.Types.FieldViolation { Field = p.Field, Description = p.Description }));
        string message = string.Join("; ", problems.Take(10).Select(p => p.ToString())) + (problems.Count > 10 ? $"; and {problems.Count - 10} more" : string.Empty);
        var status = new RpcStatus
        {
            Code = (int)Code.InvalidArgument,
            Message = message,
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    /// <summary>Throws InvalidArgument for one field.</summary>
    public static RpcException Invalid(string field, string description) => Invalid([new FieldProblem(field, description)]);
}
