using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>Checks <c>Agent:Azure:*</c> before the agent starts; every message names the setting and what to fix.</summary>
internal sealed partial class AzureOptionsValidator : IValidateOptions<AzureOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureOptions o)
    {
        const string S = AzureOptions.SectionName;
        var failures = new List<string>();
        if (!Guid.TryParse(o.SubscriptionId, out _))
        {
            failures.Add($"{S}:SubscriptionId must be the subscription's id, a GUID.");
        }

        if (!ResourceGroupPattern().IsMatch(o.ResourceGroup))
        {
            failures.Add($"{S}:ResourceGroup must be 1-90 letters, digits, '_', '-', '.' or '(' ')', not ending in '.'.");
        }

        if (!LocationPattern().IsMatch(o.Location))
        {
            failures.Add($"{S}:Location must be an Azure region name such as chinanorth3 (lowercase letters and digits).");
        }

        if (o.ArmEndpoint is not { IsAbsoluteUri: true } || o.ArmEndpoint.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{S}:ArmEndpoint must be an absolute https:// address (Azure.Core sends bearer tokens over TLS only).");
        }

        if (o.AuthorityHost is not { IsAbsoluteUri: true } || o.AuthorityHost.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{S}:AuthorityHost must be an absolute https:// address.");
        }

        bool anySecret = o.TenantId.Length > 0 || o.ClientId.Length > 0 || o.ClientSecret.Length > 0;
        if (anySecret && (!Guid.TryParse(o.TenantId, out _) || o.ClientId.Length == 0 || o.ClientSecret.Length == 0))
        {
            failures.Add($"{S}:TenantId (a GUID), {S}:ClientId and {S}:ClientSecret go together for a service principal; set all three, or none for DefaultAzureCredential.");
        }

        if (o.TrustedCertificatePath.Length > 0 && !File.Exists(o.TrustedCertificatePath))
        {
            failures.Add($"{S}:TrustedCertificatePath names a file that does not exist; give a PEM or DER certificate file or leave it empty.");
        }

        if (!ApiVersionPattern().IsMatch(o.NetworkApiVersion))
        {
            failures.Add($"{S}:NetworkApiVersion must be an api-version such as 2023-09-01.");
        }

        if (o.OperationPollInterval is { } poll && (poll < TimeSpan.FromMilliseconds(10) || poll > TimeSpan.FromMinutes(1)))
        {
            failures.Add($"{S}:OperationPollInterval must be between 00:00:00.010 and 00:01:00, or unset for the SDK's own schedule.");
        }

        AddRetryFailures(o.Retry, failures);
        if (o.Capacity.CpuMillicores <= 0 || o.Capacity.MemoryMib <= 0 || o.Capacity.StorageGib <= 0 || o.Capacity.Gpu < 0)
        {
            failures.Add($"{S}:Capacity: CpuMillicores, MemoryMib and StorageGib must be above 0 (the zone's quota) and Gpu not negative.");
        }

        if (o.VmSizes.Count == 0)
        {
            failures.Add($"{S}:VmSizes must name at least one VM size.");
        }

        foreach (var (size, r) in o.VmSizes)
        {
            if (size.Length is 0 or > 64 || r.CpuMillicores <= 0 || r.MemoryMib <= 0 || r.Gpu < 0)
            {
                failures.Add($"{S}:VmSizes:{Excerpt(size)} needs a name of 1-64 characters, CpuMillicores and MemoryMib above 0 and Gpu not negative.");
            }
        }

        if (o.Placement.Image.Split(':') is not [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }, { Length: > 0 }])
        {
            failures.Add($"{S}:Placement:Image must be publisher:offer:sku:version.");
        }

        if (o.Placement.SubnetId.Length > 0 && !o.Placement.SubnetId.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{S}:Placement:SubnetId must be a subnet's resource id (/subscriptions/…/subnets/…) or empty (no placement).");
        }

        if (o.Placement.MinOsDiskGib is < 1 or > 4095)
        {
            failures.Add($"{S}:Placement:MinOsDiskGib must be 1-4095.");
        }

        if (o.DefaultTenant.Length is 0 or > 128 || o.DefaultTenant.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add($"{S}:DefaultTenant must be 1-128 characters without whitespace.");
        }

        if (o.DefaultMlpsLevel is < 1 or > 4)
        {
            failures.Add($"{S}:DefaultMlpsLevel must be 1-4.");
        }

        if (o.AdminPorts.Any(p => p is < 1 or > 65535))
        {
            failures.Add($"{S}:AdminPorts must be ports 1-65535.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddRetryFailures(AzureRetrySettings r, List<string> failures)
    {
        const string S = AzureOptions.SectionName + ":Retry";
        if (r.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{S}:MaxRetries must be 0-10.");
        }

        if (r.Delay < TimeSpan.Zero || r.Delay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{S}:Delay must be between 00:00:00 and 00:01:00.");
        }

        if (r.MaxDelay < r.Delay || r.MaxDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{S}:MaxDelay must be at least {S}:Delay and at most 00:05:00.");
        }

        if (r.NetworkTimeout < TimeSpan.FromMilliseconds(100) || r.NetworkTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{S}:NetworkTimeout must be between 00:00:00.100 and 00:10:00.");
        }
    }

    private static string Excerpt(string s) => new([.. (s.Length <= 32 ? s : s[..32] + "…").Select(c => char.IsControl(c) ? '?' : c)]);

    [GeneratedRegex(@"^[-\w._()]{0,89}[-\w_()]$")]
    private static partial Regex ResourceGroupPattern();

    [GeneratedRegex("^[a-z][a-z0-9]{1,39}$")]
    private static partial Regex LocationPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex ApiVersionPattern();
}
