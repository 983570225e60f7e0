using Amazon.Runtime;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>Turns what an EC2 call threw into an <see cref="AwsCallException"/> whose message says, in a line, what failed and why.</summary>
internal static class AwsErrors
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "SlowDown", "PriorRequestNotComplete",
    };

    private static readonly HashSet<string> Authentication = new(StringComparer.Ordinal)
    {
        "AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException",
        "MissingAuthenticationToken", "ExpiredToken", "RequestExpired", "OptInRequired", "Blocked", "AccessDenied", "AccessDeniedException",
    };

    /// <summary>The failure of <paramref name="operation"/>, classified; null for what is not an API failure (a bug: let it surface).</summary>
    public static AwsCallException? Classify(string operation, Exception exception)
    {
        switch (exception)
        {
            case AwsCallException already:
                return already;
            case AmazonServiceException service:
            {
                string? code = string.IsNullOrEmpty(service.ErrorCode) ? null : service.ErrorCode;
                int status = (int)service.StatusCode;
                string errorClass = code is not null && Throttling.Contains(code) ? "throttled"
                    : code is not null && Authentication.Contains(code) ? "authentication"
                    : status is 401 or 403 ? "authentication"
                    : status is 429 ? "throttled"
                    : status is 503 or 502 or 504 ? "unavailable"
                    : service.InnerException is HttpRequestException ? "unreachable"
                    : service.InnerException is OperationCanceledException or TimeoutException ? "timeout"
                    : "error";
                string what = code ?? (status == 0 ? "no response" : $"HTTP {status}");
                return New(operation, errorClass, code, $"{What(errorClass)} ({what}): {service.Message}", exception);
            }

            case OperationCanceledException or TimeoutException:
                return New(operation, "timeout", null, "timed out (no answer within Agent:Aws:RequestTimeout, after the SDK's retries)", exception);
            case HttpRequestException http:
                return New(operation, "unreachable", null, $"unreachable: {http.Message}", exception);
            case AmazonClientException client:
                bool credentials = client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase);
                bool unreachable = client.InnerException is HttpRequestException;
                bool timeout = client.InnerException is OperationCanceledException or TimeoutException;
                string cls = credentials ? "authentication" : unreachable ? "unreachable" : timeout ? "timeout" : "error";
                return New(operation, cls, null, $"{What(cls)}: {client.Message}", exception);
            default:
                return null;
        }
    }

    private static string What(string errorClass) => errorClass switch
    {
        "throttled" => "throttled",
        "authentication" => "authentication failed",
        "unavailable" => "service unavailable",
        "unreachable" => "unreachable",
        "timeout" => "timed out",
        _ => "failed",
    };

    private static AwsCallException New(string operation, string errorClass, string? code, string detail, Exception inner)
    {
        const int MaxLength = 1024;
        var text = $"EC2 {operation}: {detail}";
        text = text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
        text = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return new AwsCallException(operation, errorClass, code, text, inner);
    }
}
