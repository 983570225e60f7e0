using YamlDotNet.Serialization;

namespace CloudGov.Cli.Config;

/// <summary>The config file (<c>~/.cloudgov/config.yaml</c>, or <c>$CLOUDGOV_CONFIG</c>): named contexts and the current one.</summary>
internal sealed class CliConfig
{
    /// <summary>The context used when <c>--context</c> is not given.</summary>
    [YamlMember(Alias = "current-context")]
    public string? CurrentContext { get; set; }

    /// <summary>Every context, by name.</summary>
    [YamlMember(Alias = "contexts")]
    public List<CliContext> Contexts { get; set; } = [];

    /// <summary>The context named <paramref name="name"/>, or null.</summary>
    public CliContext? Find(string name) => Contexts.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
