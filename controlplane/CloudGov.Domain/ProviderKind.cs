namespace CloudGov.Domain;

/// <summary>The cloud API an agent drives in its zone.</summary>
[GenerateSerializer, Alias("cloudgov.ProviderKind")]
public enum ProviderKind
{
    /// <summary>Not set; rejected by validation.</summary>
    Unspecified = 0,

    /// <summary>The simulated provider used for demos and tests.</summary>
    Simulated = 1,

    /// <summary>Kubernetes, through KubernetesClient.</summary>
    Kubernetes = 2,

    /// <summary>AWS EC2, through AWSSDK.EC2.</summary>
    AwsEc2 = 3,

    /// <summary>Azure Resource Manager, through Azure.ResourceManager.</summary>
    Azure = 4,
}
