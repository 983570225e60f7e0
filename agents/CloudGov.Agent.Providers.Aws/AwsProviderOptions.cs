namespace CloudGov.Agent.Providers.Aws;

/// <summary>
/// The AWS EC2 provider's settings (<c>Agent:Aws</c>): where the EC2 API is, which subnet and image the zone's
/// workloads run in, the instance types a workload may get (and the resources each gives), and the zone's limits (its
/// capacity). Credentials come the way the SDK finds them: <see cref="Profile"/>, else the environment
/// (<c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>), the shared credentials file, or the instance's role.
/// </summary>
public sealed class AwsProviderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Aws";

    /// <summary>The AWS region (e.g. <c>cn-northwest-1</c>); the signing region for an EC2-compatible cloud. Default us-east-1.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The EC2 endpoint of an EC2-compatible cloud (absolute http(s) URL); null for AWS's own endpoint of <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>A named profile of the shared credentials/config files; null for the SDK's default chain.</summary>
    public string? Profile { get; set; }

    /// <summary>The shared credentials file holding <see cref="Profile"/>; null for the SDK's default location.</summary>
    public string? ProfilesLocation { get; set; }

    /// <summary>The subnet the zone's instances run in (required); the zone is this subnet, its VPC holds the security groups.</summary>
    public string SubnetId { get; set; } = string.Empty;

    /// <summary>The image (AMI) placed workloads boot (required).</summary>
    public string ImageId { get; set; } = string.Empty;

    /// <summary>
    /// Instance types a placed workload may get, with the resources each gives (at least one): a place command gets the
    /// smallest type that covers its requests, and a workload's requests are reported as its type's resources.
    /// </summary>
    public Dictionary<string, AwsResources> InstanceTypes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The zone's limits, reported as its capacity; placements beyond them are refused (CPU and memory above 0).</summary>
    public AwsResources Limits { get; set; } = new();

    /// <summary>The SDK's retry mode: Standard (default), Adaptive (client-side rate limiting too) or Legacy.</summary>
    public string RetryMode { get; set; } = "Standard";

    /// <summary>Retries per call after the first attempt, by the SDK's own policy (0-10, default 3).</summary>
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>How long one HTTP attempt may take (1 s to 5 min, default 20 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
