namespace CloudGov.Agent.Providers.Azure;

/// <summary>
/// The Azure provider's settings (<c>Agent:Azure:*</c>): which subscription and resource group are the zone, where
/// Azure Resource Manager and the identity authority are, the credential, the SDK's retry policy, the zone's quotas
/// and how a placed VM is built. Checked by <see cref="AzureOptionsValidator"/> at start.
/// </summary>
public sealed class AzureOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Azure";

    /// <summary>The subscription id (a GUID). Required.</summary>
    public string SubscriptionId { get; set; } = string.Empty;

    /// <summary>The resource group whose VMs are the zone's workloads (1-90 characters). Required.</summary>
    public string ResourceGroup { get; set; } = string.Empty;

    /// <summary>The region placed VMs and their network security groups are created in, e.g. <c>chinanorth3</c>. Required.</summary>
    public string Location { get; set; } = string.Empty;

    /// <summary>The Azure Resource Manager endpoint (https). Default: the public cloud's.</summary>
    public Uri ArmEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>The token audience of that endpoint; empty: the public cloud's for the public endpoint, else the endpoint itself.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>The Microsoft Entra authority (https). Default: the public cloud's; <c>https://login.chinacloudapi.cn/</c> for Azure China.</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>The Entra tenant id of the service principal; with <see cref="ClientId"/> and <see cref="ClientSecret"/> a ClientSecretCredential is used.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The service principal's client (application) id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The service principal's secret. Empty: DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI).</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>
    /// A PEM or DER certificate file: when set, the ARM endpoint's TLS certificate must chain to this certificate and no
    /// other (a private cloud's CA, or the tests' fake ARM endpoint). Empty: the system's trust store.
    /// </summary>
    public string TrustedCertificatePath { get; set; } = string.Empty;

    /// <summary>The api-version used for network security groups, read and written as generic ARM resources.</summary>
    public string NetworkApiVersion { get; set; } = "2023-09-01";

    /// <summary>
    /// How often a long-running operation (a VM or NSG created or deleted) is polled. Unset (default): the SDK's own
    /// schedule (1, 1, 1, 2, 4 … s, never sooner than ARM's Retry-After); set (10 ms-1 min): that fixed interval, still
    /// never sooner than Retry-After.
    /// </summary>
    public TimeSpan? OperationPollInterval { get; set; }

    /// <summary>Azure.Core's retry policy for every ARM call.</summary>
    public AzureRetrySettings Retry { get; set; } = new();

    /// <summary>The zone's quota (its capacity): vCPUs as millicores, memory, disk; each above 0 except GPU.</summary>
    public ResourceVectorSettings Capacity { get; set; } = new();

    /// <summary>
    /// The VM sizes the zone knows (name → CPU millicores, memory MiB, GPUs): a VM's requests come from its size, and a
    /// place command gets the smallest size that covers its CPU and memory. Configured entries add to (or replace) the defaults.
    /// </summary>
    public Dictionary<string, ResourceVectorSettings> VmSizes { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Standard_B1s"] = new() { CpuMillicores = 1_000, MemoryMib = 1_024 },
        ["Standard_B2s"] = new() { CpuMillicores = 2_000, MemoryMib = 4_096 },
        ["Standard_D2s_v5"] = new() { CpuMillicores = 2_000, MemoryMib = 8_192 },
        ["Standard_D4s_v5"] = new() { CpuMillicores = 4_000, MemoryMib = 16_384 },
        ["Standard_D8s_v5"] = new() { CpuMillicores = 8_000, MemoryMib = 32_768 },
        ["Standard_D16s_v5"] = new() { CpuMillicores = 16_000, MemoryMib = 65_536 },
        ["Standard_E8s_v5"] = new() { CpuMillicores = 8_000, MemoryMib = 65_536 },
    };

    /// <summary>How a placed VM is built.</summary>
    public AzurePlacementSettings Placement { get; set; } = new();

    /// <summary>The tenant reported for a VM without a <c>cloudgov.io/tenant</c> tag (1-128 characters, no whitespace).</summary>
    public string DefaultTenant { get; set; } = "unassigned";

    /// <summary>The MLPS level reported for a VM without a valid <c>cloudgov.io/mlps-level</c> tag (1-4).</summary>
    public int DefaultMlpsLevel { get; set; } = 2;

    /// <summary>The management ports whose exposure to the Internet is a posture fact (default 22 and 3389).</summary>
    public List<int> AdminPorts { get; set; } = [];

    /// <summary>The admin ports in effect: <see cref="AdminPorts"/>, or 22 and 3389 when none are configured.</summary>
    internal IReadOnlyList<int> EffectiveAdminPorts => AdminPorts.Count > 0 ? AdminPorts : [22, 3389];

    /// <summary>The audience in effect.</summary>
    internal string EffectiveAudience => Audience.Length > 0 ? Audience
        : ArmEndpoint.Host.Equals("management.azure.com", StringComparison.OrdinalIgnoreCase) ? "https://management.core.windows.net/"
        : ArmEndpoint.GetLeftPart(UriPartial.Authority);
}
