using Microsoft.Extensions.Configuration.Memory;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>
/// The host's log levels when nothing else sets them: the same as the shipped appsettings.json, which a host started
/// from another directory does not read (its content root is the working directory). Added as the lowest-priority
/// configuration source, so appsettings, environment variables and the command line still override every level.
/// Quiet by default: Orleans, ASP.NET Core, Quartz and Polly (Orleans' placement runs every pipeline execution
/// through it, logged at Information) log warnings and errors only.
/// </summary>
internal static class LoggingDefaults
{
    /// <summary>The default levels, as configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Quartz"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    /// <summary>Puts <see cref="Levels"/> under every other configuration source of <paramref name="builder"/>.</summary>
    public static WebApplicationBuilder AddLoggingDefaults(this WebApplicationBuilder builder)
    {
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
