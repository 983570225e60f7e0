using CloudGov.Agent;
using CloudGov.Agent.Providers;
using CloudGov.Agent.Providers.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>Agent:Azure:* checked at start, with messages that name the setting and what to fix; Agent:Provider=Azure selects the provider.</summary>
public sealed class AzureOptionsTests
{
    [Test]
    public void Validate_EmptySettings_NamesEveryRequiredSetting()
    {
        var result = new AzureOptionsValidator().Validate(null, new AzureOptions());

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.Contains("Agent:Azure:SubscriptionId must be the subscription's id, a GUID"));
        Assert.That(result.Failures, Has.Some.Contains("Agent:Azure:ResourceGroup"));
        Assert.That(result.Failures, Has.Some.Contains("Agent:Azure:Location"));
        Assert.That(result.Failures, Has.Some.Contains("Agent:Azure:Capacity"));
    }

    [Test]
    public void Validate_PlainHttpEndpointHalfAServicePrincipalAndBadRetry_EachNamed()
    {
        var options = new AzureOptions
        {
            SubscriptionId = Guid.NewGuid().ToString(),
            ResourceGroup = "rg",
            Location = "chinanorth3",
            ArmEndpoint = new Uri("http://127.0.0.1:8080/"),
            ClientId = "app",
            Capacity = new ResourceVectorSettings { CpuMillicores = 1, MemoryMib = 1, StorageGib = 1 },
            Retry = new AzureRetrySettings { MaxRetries = 11, NetworkTimeout = TimeSpan.FromMilliseconds(1) },
            OperationPollInterval = TimeSpan.FromHours(1),
        };

        var failures = new AzureOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.That(failures, Has.Some.Contains("Agent:Azure:ArmEndpoint must be an absolute https:// address"));
        Assert.That(failures, Has.Some.Contains("Agent:Azure:TenantId (a GUID), Agent:Azure:ClientId and Agent:Azure:ClientSecret go together"));
        Assert.That(failures, Has.Some.Contains("Agent:Azure:Retry:MaxRetries must be 0-10"));
        Assert.That(failures, Has.Some.Contains("Agent:Azure:Retry:NetworkTimeout"));
        Assert.That(failures, Has.Some.Contains("Agent:Azure:OperationPollInterval"));
    }

    [Test]
    public async Task AddZoneAgent_ProviderAzureWithoutSubscription_HostRefusesToStartNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:ControlPlaneAddress"] = "http://127.0.0.1:1",
            ["Agent:ZoneId"] = "gx-azure-bad",
            ["Agent:Provider"] = "Azure",
            ["Agent:Azure:ResourceGroup"] = "rg",
        });
        builder.AddZoneAgent();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failure!.Message, Does.Contain("Agent:Azure:SubscriptionId"));
    }

    [Test]
    public async Task AddZoneAgent_ProviderAzure_TheZoneProviderIsAzure()
    {
        await using var arm = await FakeArm.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        var settings = arm.Settings();
        settings["Agent:ControlPlaneAddress"] = "http://127.0.0.1:1";
        settings["Agent:ZoneId"] = "gx-azure-ok";
        settings["Agent:Provider"] = "azure";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<global::Azure.Core.TokenCredential>(new TestCredential());
        builder.AddZoneAgent();
        using var host = builder.Build();

        var provider = host.Services.GetRequiredService<IZoneProvider>();

        Assert.That(provider.Kind, Is.EqualTo(ProviderKind.Azure));
        Assert.That(AgentHostExtensions.ProviderNames, Does.Contain("Azure"));
    }
}
