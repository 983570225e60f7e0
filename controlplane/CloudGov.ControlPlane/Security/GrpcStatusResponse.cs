using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CloudGov.ControlPlane.Security;

/// <summary>Writes a gRPC trailers-only response (HTTP 200, <c>grpc-status</c> and <c>grpc-message</c> headers) from middleware.</summary>
internal static class GrpcStatusResponse
{
    /// <summary>True when the request is a gRPC call (content type <c>application/grpc…</c>).</summary>
    public static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Ends the call with <paramref name="code"/> and <paramref name="message"/> before any service code runs.</summary>
    public static Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Encode(message);
        return response.CompleteAsync();
    }

    /// <summary>The gRPC percent-encoding of a status message (UTF-8; bytes outside 0x20-0x7E and '%' escaped).</summary>
    private static string Encode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
