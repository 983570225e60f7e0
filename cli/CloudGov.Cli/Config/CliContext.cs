using YamlDotNet.Serialization;

namespace CloudGov.Cli.Config;

/// <summary>
/// One control plane and how to get the token for it. The token is read at every call from exactly one source: a file
/// (re-read each time, so a renewed token is picked up; with <see cref="TokenKey"/> the file is read as <c>KEY=value</c>
/// lines, e.g. the demo's <c>tokens.env</c>), an environment variable, or the token itself stored here.
/// </summary>
internal sealed class CliContext
{
    /// <summary>The context's name (1-64 letters, digits, '-', '_', '.').</summary>
    [YamlMember(Alias = "name")]
    public string Name { get; set; } = "";

    /// <summary>The control plane's gRPC address, e.g. <c>http://127.0.0.1:5100</c>.</summary>
    [YamlMember(Alias = "server")]
    public string Server { get; set; } = "";

    /// <summary>A file holding the token (or <c>KEY=value</c> lines when <see cref="TokenKey"/> is set).</summary>
    [YamlMember(Alias = "token-file")]
    public string? TokenFile { get; set; }

    /// <summary>The key whose value in <see cref="TokenFile"/> is the token.</summary>
    [YamlMember(Alias = "token-key")]
    public string? TokenKey { get; set; }

    /// <summary>An environment variable holding the token.</summary>
    [YamlMember(Alias = "token-env")]
    public string? TokenEnv { get; set; }

    /// <summary>The token itself (the config file is then written owner-only).</summary>
    [YamlMember(Alias = "token")]
    public string? Token { get; set; }
}
