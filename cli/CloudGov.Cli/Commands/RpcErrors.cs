using System.Text;
using Google.Rpc;
using Grpc.Core;

namespace CloudGov.Cli.Commands;

/// <summary>Turns a failed call into the operator's message: the server's own words, every field violation, the status, and what to do.</summary>
internal static class RpcErrors
{
    /// <summary>Writes <paramref name="error"/> to standard error and returns the exit code for its status.</summary>
    public static int Report(RpcException error, string server, TextWriter output)
    {
        var text = new StringBuilder();
        var detail = string.IsNullOrWhiteSpace(error.Status.Detail) ? "(no message)" : error.Status.Detail;
        text.Append("error: ").AppendLine(detail);
        if (error.Status.DebugException is { } cause && !detail.Contains(cause.Message, StringComparison.Ordinal))
        {
            text.Append("  cause: ").AppendLine(cause.Message);
        }

        var status = error.GetRpcStatus();
        if (status?.GetDetail<BadRequest>() is { } badRequest)
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                if (!detail.Contains(violation.Description, StringComparison.Ordinal))
                {
                    text.Append("  ").Append(violation.Field).Append(": ").AppendLine(violation.Description);
                }
            }
        }

        if (status?.GetDetail<ErrorInfo>() is { } info)
        {
            text.Append("  reason: ").AppendLine(info.Reason);
        }

        int exit = ExitCodes.ForStatus(error.StatusCode);
        text.Append("  (").Append(StatusName(error.StatusCode)).Append(" from ").Append(server).Append(", exit code ").Append(exit).AppendLine(")");
        if (Hint(error.StatusCode, server) is { } hint)
        {
            text.Append("hint: ").AppendLine(hint);
        }

        output.Write(text.ToString());
        return exit;
    }

    /// <summary>The gRPC name of a status, e.g. <c>INVALID_ARGUMENT</c>.</summary>
    public static string StatusName(StatusCode code)
    {
        var name = code.ToString();
        var builder = new StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return code == StatusCode.OK ? "OK" : builder.ToString();
    }

    private static string? Hint(StatusCode code, string server) => code switch
    {
        StatusCode.Unauthenticated => "the token was refused; get a new one (e.g. `token issue` on the control plane, or the demo's data/tokens.env) and run `cloudgov login`",
        StatusCode.PermissionDenied => "the token's role may not do this; use a context whose token has the role the message names (`cloudgov context list`)",
        StatusCode.Unavailable => $"could not reach the control plane at {server}; is it running, and is the context's server right (`cloudgov context list`)?",
        StatusCode.DeadlineExceeded => "the control plane did not answer in time; retry, or raise --timeout",
        StatusCode.ResourceExhausted => "retry later, or ask for more quota (`cloudgov quota request`)",
        _ => null,
    };
}
