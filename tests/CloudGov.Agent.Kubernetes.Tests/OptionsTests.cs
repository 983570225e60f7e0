using CloudGov.Agent.Providers.Kubernetes;
using Microsoft.Extensions.Options;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>Agent:Kubernetes settings are checked at start, each error naming the key and what to put there.</summary>
public sealed class OptionsTests
{
    [Test]
    public void Validate_BadSettings_EveryErrorNamesTheKeyAndWhatToFix()
    {
        var options = new KubernetesZoneOptions
        {
            KubeconfigPath = "/nowhere/kubeconfig",
            RequestTimeout = TimeSpan.FromMilliseconds(10),
            MaxRetryAttempts = 11,
            Image = "has space",
        };
        options.Namespaces.Add("Not_A_Namespace");

        var result = new KubernetesZoneOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.StartsWith("Agent:Kubernetes:KubeconfigPath: no file at '/nowhere/kubeconfig'"));
        Assert.That(result.Failures, Has.Some.StartsWith("Agent:Kubernetes:Namespaces:0 'Not_A_Namespace' is not a namespace name"));
        Assert.That(result.Failures, Has.Some.StartsWith("Agent:Kubernetes:RequestTimeout is 00:00:00.0100000; use 00:00:00.1000000 to 00:05:00"));
        Assert.That(result.Failures, Has.Some.StartsWith("Agent:Kubernetes:MaxRetryAttempts is 11; use 0-10"));
        Assert.That(result.Failures, Has.Some.StartsWith("Agent:Kubernetes:Image must be a container image reference"));
    }

    [Test]
    public void Validate_Defaults_ValidAndTheNamespaceIsCloudgov()
    {
        var options = new KubernetesZoneOptions();

        var result = new KubernetesZoneOptionsValidator().Validate(null, options);

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Failures ?? []));
        Assert.That(options.EffectiveNamespaces, Is.EqualTo(new[] { "cloudgov" }));
    }

    [Test]
    public async Task AgentStart_KubeconfigMissing_RefusesToStartNamingTheSetting()
    {
        var settings = AgentProcess.ZoneSettings(new Uri("http://127.0.0.1:1"), "gx-k8s-bad");
        settings["Agent:Provider"] = "Kubernetes";
        settings["Agent:Kubernetes:KubeconfigPath"] = "/nowhere/kubeconfig";

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () => await AgentProcess.StartAsync(settings));

        Assert.That(ex!.Message, Does.Contain("Agent:Kubernetes:KubeconfigPath: no file at '/nowhere/kubeconfig'"));
    }
}
