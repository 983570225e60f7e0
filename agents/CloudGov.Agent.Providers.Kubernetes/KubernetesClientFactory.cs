using k8s;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// Builds the KubernetesClient for the configured cluster: credentials the way the client finds them (the pod's
/// service account, or a kubeconfig file: the given path, else <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>), and
/// every request through a Microsoft.Extensions.Http.Resilience (Polly 8) handler: retries of transient failures (429
/// honouring Retry-After, 5xx, 408, connection failures, attempt timeouts) with exponential back-off and jitter, and a
/// timeout per attempt. 401 and 403 are not retried.
/// </summary>
internal static class KubernetesClientFactory
{
    public static IKubernetes Create(KubernetesZoneOptions options)
    {
        var config = options.InCluster
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(
                string.IsNullOrWhiteSpace(options.KubeconfigPath) ? null : options.KubeconfigPath,
                currentContext: options.Context);
        return new k8s.Kubernetes(config, new ResilienceHandler(Pipeline(options)));
    }

    /// <summary>The retry and timeout pipeline of every request.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Pipeline(KubernetesZoneOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                ShouldHandle = options.MaxRetryAttempts == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                MaxDelay = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.RequestTimeout })
            .Build();
}
