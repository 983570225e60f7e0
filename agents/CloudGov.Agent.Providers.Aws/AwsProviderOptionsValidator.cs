using Microsoft.Extensions.Options;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>Checks <see cref="AwsProviderOptions"/> at start, each problem naming the setting and what to put there.</summary>
internal sealed class AwsProviderOptionsValidator : IValidateOptions<AwsProviderOptions>
{
    /// <summary>The retry modes the SDK knows.</summary>
    public static readonly IReadOnlyList<string> RetryModes = ["Standard", "Adaptive", "Legacy"];

    /// <summary>The largest vector the control plane accepts as a zone's capacity (see ZoneReport.capacity).</summary>
    private const long MaxCpu = 100_000_000, MaxMemory = 1L << 30, MaxStorage = 1L << 30, MaxGpu = 100_000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AwsProviderOptions options)
    {
        var problems = new List<string>();
        const string S = AwsProviderOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            problems.Add($"{S}:Region is empty; set the AWS region (e.g. us-east-1), or the signing region of an EC2-compatible cloud.");
        }

        if (options.ServiceUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add($"{S}:ServiceUrl must be an absolute http:// or https:// URL of the EC2 endpoint, or left out for AWS's own.");
        }

        if (string.IsNullOrWhiteSpace(options.SubnetId))
        {
            problems.Add($"{S}:SubnetId is empty; set the subnet (subnet-…) the zone's instances run in.");
        }

        if (string.IsNullOrWhiteSpace(options.ImageId))
        {
            problems.Add($"{S}:ImageId is empty; set the image (ami-…) placed workloads boot.");
        }

        if (options.InstanceTypes.Count == 0)
        {
            problems.Add($"{S}:InstanceTypes is empty; map at least one instance type to its resources (e.g. {S}:InstanceTypes:t3.large:CpuMillicores=2000, MemoryMib=8192).");
        }

        foreach (var (type, r) in options.InstanceTypes)
        {
            if (r is null || r.CpuMillicores <= 0 || r.MemoryMib <= 0 || r.StorageGib < 0 || r.Gpu < 0)
            {
                problems.Add($"{S}:InstanceTypes:{type} needs CpuMillicores and MemoryMib above 0, StorageGib and Gpu not negative.");
            }
        }

        var l = options.Limits;
        if (l is null || l.CpuMillicores <= 0 || l.MemoryMib <= 0 || l.StorageGib < 0 || l.Gpu < 0
            || l.CpuMillicores > MaxCpu || l.MemoryMib > MaxMemory || l.StorageGib > MaxStorage || l.Gpu > MaxGpu)
        {
            problems.Add($"{S}:Limits (the zone's capacity) needs CpuMillicores 1-{MaxCpu} and MemoryMib 1-{MaxMemory}, StorageGib 0-{MaxStorage}, Gpu 0-{MaxGpu}.");
        }

        if (!RetryModes.Contains(options.RetryMode, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{S}:RetryMode must be one of {string.Join(", ", RetryModes)}.");
        }

        if (options.MaxErrorRetry is < 0 or > 10)
        {
            problems.Add($"{S}:MaxErrorRetry is {options.MaxErrorRetry}; it must be 0-10.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{S}:RequestTimeout is {options.RequestTimeout}; it must be 00:00:01 to 00:05:00.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
