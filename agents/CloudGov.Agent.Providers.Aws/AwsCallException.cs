namespace CloudGov.Agent.Providers.Aws;

/// <summary>An EC2 call that failed after the SDK's own retries; its message is the zone's degraded reason.</summary>
internal sealed class AwsCallException(string operation, string errorClass, string? code, string message, Exception inner)
    : Exception(message, inner)
{
    /// <summary>The EC2 operation (e.g. DescribeInstances).</summary>
    public string Operation { get; } = operation;

    /// <summary>What went wrong, in a word: throttled, unavailable, authentication, timeout, unreachable, error.</summary>
    public string ErrorClass { get; } = errorClass;

    /// <summary>The service's error code, when it sent one (e.g. RequestLimitExceeded, AuthFailure).</summary>
    public string? Code { get; } = code;
}
