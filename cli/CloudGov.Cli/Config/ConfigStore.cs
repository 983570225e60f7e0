using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CloudGov.Cli.Config;

/// <summary>Reads and writes the config file: <c>$CLOUDGOV_CONFIG</c> when set, else <c>~/.cloudgov/config.yaml</c>; written owner-only (0600).</summary>
internal sealed partial class ConfigStore(string path)
{
    /// <summary>The environment variable that names another config file (tests, several operators on one account).</summary>
    public const string PathVariable = "CLOUDGOV_CONFIG";

    /// <summary>At most this many bytes are read from the config file.</summary>
    private const int MaxBytes = 1 << 20;

    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The store for <paramref name="environment"/>.</summary>
    public static ConfigStore For(CliEnvironment environment) =>
        new(environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden
            ? System.IO.Path.GetFullPath(overridden)
            : System.IO.Path.Combine(environment.HomeDirectory, ".cloudgov", "config.yaml"));

    /// <summary>True when <paramref name="name"/> is a valid context name.</summary>
    public static bool IsValidName(string name) => ContextName().IsMatch(name);

    /// <summary>The configuration; empty when the file does not exist.</summary>
    public CliConfig Load()
    {
        if (!File.Exists(Path))
        {
            return new CliConfig();
        }

        var info = new FileInfo(Path);
        if (info.Length > MaxBytes)
        {
            throw new CliUsageException($"the config file {Path} is {info.Length} bytes; at most {MaxBytes} are read — fix or delete it");
        }

        try
        {
            var config = new DeserializerBuilder().WithNamingConvention(NullNamingConvention.Instance).Build()
                .Deserialize<CliConfig?>(File.ReadAllText(Path)) ?? new CliConfig();
            config.Contexts ??= [];
            return config;
        }
        catch (YamlException e)
        {
            throw new CliUsageException($"the config file {Path} is not valid (line {e.Start.Line}): {e.Message} — fix or delete it");
        }
    }

    /// <summary>Writes <paramref name="config"/> (owner read/write only), replacing the file atomically.</summary>
    public void Save(CliConfig config)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var yaml = new SerializerBuilder()
            .WithNamingConvention(NullNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build()
            .Serialize(config);
        var temporary = Path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(temporary, options)))
        {
            writer.Write("# cloudgov contexts (cloudgov login / cloudgov context …)\n");
            writer.Write(yaml);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ContextName();
}
