namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>Checks <see cref="KubernetesZoneOptions"/>; every error names the setting and says what to fix.</summary>
internal sealed class KubernetesZoneOptionsValidator : IValidateOptions<KubernetesZoneOptions>
{
    private const string Section = KubernetesZoneOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, KubernetesZoneOptions options)
    {
        var errors = new List<string>();
        if (!options.InCluster && !string.IsNullOrWhiteSpace(options.KubeconfigPath) && !File.Exists(options.KubeconfigPath))
        {
            errors.Add($"{Section}:KubeconfigPath: no file at '{Excerpt(options.KubeconfigPath)}'; give the path of a kubeconfig file, leave it empty for $KUBECONFIG or ~/.kube/config, or set {Section}:InCluster=true.");
        }

        if (options.Context is { } context && (context.Length is 0 or > 253 || context.Any(char.IsControl)))
        {
            errors.Add($"{Section}:Context must be 1-253 characters without control characters (a context name of the kubeconfig), or left out for its current context.");
        }

        if (options.Namespaces.Count > 16)
        {
            errors.Add($"{Section}:Namespaces has {options.Namespaces.Count} entries; at most 16 are allowed.");
        }

        for (int i = 0; i < options.Namespaces.Count; i++)
        {
            if (!KubernetesNames.IsDnsLabel(options.Namespaces[i]))
            {
                errors.Add($"{Section}:Namespaces:{i} '{Excerpt(options.Namespaces[i])}' is not a namespace name: 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit.");
            }
        }

        if (options.Namespaces.Distinct(StringComparer.Ordinal).Count() != options.Namespaces.Count)
        {
            errors.Add($"{Section}:Namespaces names a namespace twice; list each once.");
        }

        if (string.IsNullOrWhiteSpace(options.Image) || options.Image.Length > 512 || options.Image.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add($"{Section}:Image must be a container image reference of 1-512 characters without whitespace (e.g. registry.example/app:1.0).");
        }

        Range(errors, "RequestTimeout", options.RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(errors, "RetryDelay", options.RetryDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Range(errors, "WatchTimeout", options.WatchTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Range(errors, "ResyncInterval", options.ResyncInterval, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            errors.Add($"{Section}:MaxRetryAttempts is {options.MaxRetryAttempts}; use 0-10.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Section}:{setting} is {value}; use {min} to {max}.");
        }
    }

    private static string Excerpt(string s) =>
        new([.. (s.Length <= 32 ? s : s[..32] + "…").Select(c => char.IsControl(c) ? '?' : c)]);
}
