using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>Registers the AWS EC2 provider (the agent's <c>Agent:Provider=Aws</c>).</summary>
public static class AwsZoneProviderRegistration
{
    /// <summary>
    /// Binds <c>Agent:Aws</c> (validated at start) and registers <see cref="AwsZoneProvider"/> as the zone provider for the
    /// zone <c>Agent:ZoneId</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAwsZoneProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AwsProviderOptions>().BindConfiguration(AwsProviderOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AwsProviderOptions>, AwsProviderOptionsValidator>();
        builder.Services.AddSingleton<IZoneProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AwsProviderOptions>>().Value;
            string zoneId = sp.GetRequiredService<IConfiguration>()["Agent:ZoneId"] ?? string.Empty;
            return new AwsZoneProvider(AwsClientFactory.Create(options), options, zoneId, sp.GetRequiredService<ILogger<AwsZoneProvider>>());
        });
        return builder;
    }
}
