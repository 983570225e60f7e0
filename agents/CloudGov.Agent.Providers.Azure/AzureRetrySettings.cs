using Azure.Core;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>Azure.Core's own retry policy (ClientOptions.Retry) for every ARM call: 408, 429 (honouring Retry-After), 5xx and network failures.</summary>
public sealed class AzureRetrySettings
{
    /// <summary>Exponential (default) or Fixed back-off.</summary>
    public RetryMode Mode { get; set; } = RetryMode.Exponential;

    /// <summary>Retries after the first try, 0-10. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off (Fixed: every back-off), 0-1 minute. Default 0.8 s.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>The longest back-off, at least <see cref="Delay"/>, at most 5 minutes. Default 1 minute.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one try may take, 100 ms-10 minutes. Default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
