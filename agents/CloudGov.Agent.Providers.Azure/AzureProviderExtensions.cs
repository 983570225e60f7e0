using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>The Azure provider's registration.</summary>
public static class AzureProviderExtensions
{
    /// <summary>
    /// Adds the Azure zone provider as the agent's <see cref="IZoneProvider"/>: binds and validates <c>Agent:Azure:*</c>
    /// at start, and builds the ARM client with the <see cref="TokenCredential"/> registered in the container if there
    /// is one (tests), else the credential the configuration names.
    /// </summary>
    public static IHostApplicationBuilder AddAzureZoneProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AzureOptions>().BindConfiguration(AzureOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AzureOptions>, AzureOptionsValidator>();
        builder.Services.AddSingleton<IZoneProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AzureOptions>>().Value;
            var arm = AzureArmClientFactory.Create(options, sp.GetService<TokenCredential>());
            return new AzureZoneProvider(options, arm, sp.GetRequiredService<ILogger<AzureZoneProvider>>());
        });
        return builder;
    }
}
