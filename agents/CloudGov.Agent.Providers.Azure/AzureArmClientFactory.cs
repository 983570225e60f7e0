using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.ResourceManager;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>
/// Builds the ARM client the way the SDK expects: an <see cref="ArmEnvironment"/> for the configured endpoint and
/// audience, Azure.Core's retry policy from <c>Agent:Azure:Retry</c>, a transport that trusts only
/// <c>Agent:Azure:TrustedCertificatePath</c> when it is set, and a <see cref="TokenCredential"/>: the one registered in
/// the container (tests), else a ClientSecretCredential for a configured service principal, else DefaultAzureCredential.
/// </summary>
internal static class AzureArmClientFactory
{
    /// <summary>The ARM client for the options.</summary>
    public static ArmClient Create(AzureOptions o, TokenCredential? registered)
    {
        var transport = Transport(o);
        var options = new ArmClientOptions
        {
            Environment = new ArmEnvironment(o.ArmEndpoint, o.EffectiveAudience),
        };
        options.Retry.Mode = o.Retry.Mode;
        options.Retry.MaxRetries = o.Retry.MaxRetries;
        options.Retry.Delay = o.Retry.Delay;
        options.Retry.MaxDelay = o.Retry.MaxDelay;
        options.Retry.NetworkTimeout = o.Retry.NetworkTimeout;
        if (transport is not null)
        {
            options.Transport = transport;
        }

        // Network security groups and NICs are generic resources (Azure.ResourceManager.Network is not used): give their
        // api-version, so the SDK does not look it up in Microsoft.Network's provider registration first.
        options.SetApiVersion(NsgRules.ResourceType, o.NetworkApiVersion);
        options.SetApiVersion(NsgRules.NicResourceType, o.NetworkApiVersion);
        return new ArmClient(registered ?? Credential(o, transport), o.SubscriptionId, options);
    }

    /// <summary>The credential the configuration names.</summary>
    internal static TokenCredential Credential(AzureOptions o, HttpPipelineTransport? transport)
    {
        if (o.ClientSecret.Length > 0)
        {
            var secret = new ClientSecretCredentialOptions { AuthorityHost = o.AuthorityHost };
            if (transport is not null)
            {
                secret.Transport = transport;
            }

            return new ClientSecretCredential(o.TenantId, o.ClientId, o.ClientSecret, secret);
        }

        var chain = new DefaultAzureCredentialOptions { AuthorityHost = o.AuthorityHost };
        if (o.TenantId.Length > 0)
        {
            chain.TenantId = o.TenantId;
        }

        return new DefaultAzureCredential(chain);
    }

    /// <summary>A transport trusting only the configured certificate, or null for the default transport.</summary>
    internal static HttpPipelineTransport? Transport(AzureOptions o)
    {
        if (o.TrustedCertificatePath.Length == 0)
        {
            return null;
        }

        string text = File.ReadAllText(o.TrustedCertificatePath);
        var trusted = text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificateFromFile(o.TrustedCertificatePath);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(trusted);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClientTransport(handler);
    }
}
