namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>The Kubernetes provider's log messages.</summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Kubernetes provider: listed {Count} CloudGov Deployments in namespace {Namespace} at resourceVersion {ResourceVersion}; watching from there")]
    public static partial void Listed(ILogger logger, string @namespace, int count, string resourceVersion);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Kubernetes provider: the watch of namespace {Namespace} is too old (410 Gone); listing again")]
    public static partial void WatchGone(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Kubernetes provider: the watch of namespace {Namespace} failed ({Reason}); observations list Deployments until it is re-established")]
    public static partial void WatchFailed(ILogger logger, string @namespace, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Kubernetes provider: zone degraded: {Reason}")]
    public static partial void Degraded(ILogger logger, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Kubernetes provider: Deployment {Namespace}/{Name} is not reported: {Problem}")]
    public static partial void Unreportable(ILogger logger, string @namespace, string name, string problem);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Kubernetes provider: metrics.k8s.io is not served ({Reason}); zone usage is reported as unknown (zero)")]
    public static partial void MetricsAbsent(ILogger logger, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Kubernetes provider: {Kind} {Namespace}/{Name} {Outcome}")]
    public static partial void Applied(ILogger logger, string kind, string @namespace, string name, string outcome);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Kubernetes provider: command {CommandId} failed: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string commandId, string reason);
}
