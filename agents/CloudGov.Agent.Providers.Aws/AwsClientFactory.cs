using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>
/// Builds the EC2 client from <see cref="AwsProviderOptions"/>: endpoint (AWS's for the region, or an EC2-compatible
/// cloud's URL), the SDK's own retry policy (<see cref="AwsProviderOptions.RetryMode"/>, <see cref="AwsProviderOptions.MaxErrorRetry"/>)
/// and per-attempt timeout, and credentials the way the SDK finds them.
/// </summary>
public static class AwsClientFactory
{
    /// <summary>
    /// The client. <paramref name="credentials"/> overrides the lookup (tests); <paramref name="httpClientFactory"/> is the
    /// SDK's own seam for the HTTP client (tests put a fault-injecting handler there).
    /// </summary>
    /// <exception cref="InvalidOperationException">The named profile does not exist.</exception>
    public static IAmazonEC2 Create(AwsProviderOptions options, AWSCredentials? credentials = null, HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonEC2Config
        {
            RetryMode = Enum.Parse<RequestRetryMode>(options.RetryMode, ignoreCase: true),
            MaxErrorRetry = options.MaxErrorRetry,
            Timeout = options.RequestTimeout,
        };
        if (options.ServiceUrl is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        credentials ??= ProfileCredentials(options);
        return credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
    }

    private static AWSCredentials? ProfileCredentials(AwsProviderOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Profile))
        {
            return null;
        }

        var chain = string.IsNullOrWhiteSpace(options.ProfilesLocation) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(options.ProfilesLocation);
        return chain.TryGetAWSCredentials(options.Profile, out var found)
            ? found
            : throw new InvalidOperationException($"{AwsProviderOptions.SectionName}:Profile names a profile that is not in the shared credentials or config files; add it there or remove the setting.");
    }
}
