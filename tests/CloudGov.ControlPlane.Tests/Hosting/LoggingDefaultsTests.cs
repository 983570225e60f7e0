using CloudGov.ControlPlane.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Tests.Hosting;

/// <summary>A host started from any directory is quiet: Polly's per-execution lines are off unless configured on.</summary>
public sealed class LoggingDefaultsTests
{
    [Test]
    public async Task Build_NoLoggingSettings_PollyAndOrleansLogWarningsOnlyCloudGovLogsInformation()
    {
        // Started from a directory without appsettings.json, as a standalone host often is.
        var elsewhere = Directory.CreateTempSubdirectory("cloudgov-logging-").FullName;
        try
        {
            await using WebApplication app = ControlPlaneApp.Build(["--contentRoot", elsewhere]);
            var loggers = app.Services.GetRequiredService<ILoggerFactory>();

            Assert.That(app.Environment.ContentRootPath.TrimEnd('/'), Is.EqualTo(elsewhere.TrimEnd('/')));
            Assert.That(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information), Is.False);
            Assert.That(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning), Is.True);
            Assert.That(loggers.CreateLogger("Orleans.Runtime.Silo").IsEnabled(LogLevel.Information), Is.False);
            Assert.That(loggers.CreateLogger("CloudGov.ControlPlane.Grains.Plans.RebalancePlanGrain").IsEnabled(LogLevel.Information), Is.True);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Test]
    public async Task Build_PollyLevelConfigured_ConfigurationWins()
    {
        await using WebApplication app = ControlPlaneApp.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Polly"] = "Information" }));

        Assert.That(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Polly").IsEnabled(LogLevel.Information), Is.True);
    }
}
