using Microsoft.Extensions.Logging;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>Source-generated log messages of the Azure provider.</summary>
internal static partial class AzureProviderLog
{
    [LoggerMessage(1, LogLevel.Warning, "Azure zone {ResourceGroup} could not be observed: {Reason}; reporting it degraded with the last inventory")]
    public static partial void ObserveFailed(ILogger logger, string resourceGroup, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Azure zone {ResourceGroup}: {Kind} of {WorkloadId} failed: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string resourceGroup, CommandKind kind, string workloadId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Azure zone {ResourceGroup}: VM {WorkloadId} placed as {VmSize} with NSG {Nsg}")]
    public static partial void Placed(ILogger logger, string resourceGroup, string workloadId, string vmSize, string nsg);

    [LoggerMessage(4, LogLevel.Information, "Azure zone {ResourceGroup}: VM {WorkloadId} and its NSG removed")]
    public static partial void Removed(ILogger logger, string resourceGroup, string workloadId);

    [LoggerMessage(5, LogLevel.Warning, "Azure zone {ResourceGroup}: VM {WorkloadId} has size {VmSize}, which Agent:Azure:VmSizes does not list; its CPU and memory are reported as 0")]
    public static partial void UnknownSize(ILogger logger, string resourceGroup, string workloadId, string vmSize);

    [LoggerMessage(6, LogLevel.Information, "Azure zone {ResourceGroup} observed again after being degraded")]
    public static partial void Recovered(ILogger logger, string resourceGroup);
}
