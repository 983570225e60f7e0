using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudGov.Agent.Providers.Aws;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>A zone on moto: the default VPC's first default subnet, one of moto's images, three instance types, limits.</summary>
public sealed class MotoZone : IDisposable
{
    private MotoZone(IAmazonEC2 ec2, string subnetId, string vpcId, string imageId)
    {
        Ec2 = ec2;
        SubnetId = subnetId;
        VpcId = vpcId;
        ImageId = imageId;
    }

    /// <summary>A plain client for arranging and checking.</summary>
    public IAmazonEC2 Ec2 { get; }

    /// <summary>The zone's subnet.</summary>
    public string SubnetId { get; }

    /// <summary>Its VPC.</summary>
    public string VpcId { get; }

    /// <summary>The image placed workloads boot.</summary>
    public string ImageId { get; }

    /// <summary>Moto emptied, and the zone found in it.</summary>
    public static async Task<MotoZone> CreateAsync()
    {
        await MotoServer.ResetAsync();
        var ec2 = MotoServer.Client();
        var subnets = await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [new Filter("default-for-az", ["true"])] });
        var subnet = subnets.Subnets.OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).First();
        var images = await ec2.DescribeImagesAsync(new DescribeImagesRequest());
        return new MotoZone(ec2, subnet.SubnetId, subnet.VpcId, images.Images.OrderBy(i => i.ImageId, StringComparer.Ordinal).First().ImageId);
    }

    /// <summary>Provider settings for this zone (fast retries: the SDK's standard mode, 2 retries, 5 s per attempt).</summary>
    public AwsProviderOptions Options(string? serviceUrl = null) => new()
    {
        Region = "us-east-1",
        ServiceUrl = serviceUrl ?? MotoServer.Endpoint.ToString(),
        SubnetId = SubnetId,
        ImageId = ImageId,
        InstanceTypes = new(StringComparer.Ordinal)
        {
            ["t3.small"] = new() { CpuMillicores = 2000, MemoryMib = 2048, StorageGib = 20 },
            ["t3.large"] = new() { CpuMillicores = 2000, MemoryMib = 8192, StorageGib = 50 },
            ["m5.xlarge"] = new() { CpuMillicores = 4000, MemoryMib = 16384, StorageGib = 100 },
        },
        Limits = new() { CpuMillicores = 10_000, MemoryMib = 40_960, StorageGib = 1000 },
        RetryMode = "Standard",
        MaxErrorRetry = 2,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>A provider on this zone; <paramref name="http"/> is the SDK's HTTP seam (fault injection).</summary>
    public AwsZoneProvider Provider(AwsProviderOptions? options = null, HttpClientFactory? http = null)
    {
        options ??= Options();
        return new AwsZoneProvider(AwsClientFactory.Create(options, MotoServer.Credentials, http), options, "aws-test-zone");
    }

    /// <summary>The zone's instances that are not terminated.</summary>
    public async Task<List<Instance>> LiveInstancesAsync()
    {
        var page = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("instance-state-name", ["pending", "running", "stopping", "stopped"])] });
        return [.. (page.Reservations ?? []).SelectMany(r => r.Instances ?? [])];
    }

    /// <inheritdoc />
    public void Dispose() => Ec2.Dispose();
}
