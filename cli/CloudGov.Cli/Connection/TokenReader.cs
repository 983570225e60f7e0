using CloudGov.Cli.Config;

namespace CloudGov.Cli.Connection;

/// <summary>Reads a context's bearer token from its one source, at every call (so a renewed file or variable is used at once).</summary>
internal static class TokenReader
{
    /// <summary>The environment variable that, when set, overrides every context's token.</summary>
    public const string OverrideVariable = "CLOUDGOV_TOKEN";

    /// <summary>The longest token accepted (the control plane refuses longer ones too).</summary>
    public const int MaxLength = 8192;

    /// <summary>The token for <paramref name="context"/>; <see cref="CliUsageException"/> naming the source when it cannot be read.</summary>
    public static string Read(CliContext? context, CliEnvironment environment)
    {
        if (environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } overridden)
        {
            return Check(overridden, $"${OverrideVariable}");
        }

        if (context is null)
        {
            throw new CliUsageException($"no token: run 'cloudgov login <name> --server <address> --token-file <file>' first, or set ${OverrideVariable}");
        }

        if (context.TokenFile is { Length: > 0 } file)
        {
            return Check(FromFile(file, context.TokenKey), context.TokenKey is { Length: > 0 } key ? $"{key} in {file}" : file);
        }

        if (context.TokenEnv is { Length: > 0 } variable)
        {
            return environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
                ? Check(value, $"${variable}")
                : throw new CliUsageException($"context '{context.Name}' reads its token from ${variable}, which is not set; export it (e.g. `source tokens.env`) or log in again");
        }

        if (context.Token is { Length: > 0 } token)
        {
            return Check(token, $"context '{context.Name}'");
        }

        throw new CliUsageException($"context '{context.Name}' has no token source; run 'cloudgov login {context.Name} --token-file <file>' (or --token-env, --token-stdin)");
    }

    /// <summary>The token in <paramref name="path"/>: the whole file, or the value of <paramref name="key"/> among its <c>KEY=value</c> lines.</summary>
    public static string FromFile(string path, string? key)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > 64 * 1024)
            {
                throw new CliUsageException($"the token file {path} is {info.Length} bytes; a token file holds one token (or KEY=value lines), at most 64 KiB");
            }

            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CliUsageException($"cannot read the token file {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read the token file {path}: permission denied");
        }

        if (key is not { Length: > 0 })
        {
            return text.Trim();
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            if (line.StartsWith(key + "=", StringComparison.Ordinal))
            {
                return line[(key.Length + 1)..].Trim().Trim('"', '\'');
            }
        }

        throw new CliUsageException($"the token file {path} has no line {key}=…");
    }

    /// <summary><paramref name="token"/> trimmed, or <see cref="CliUsageException"/> when it cannot be a bearer token.</summary>
    public static string Check(string token, string source)
    {
        token = token.Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        if (token.Length == 0)
        {
            throw new CliUsageException($"the token from {source} is empty");
        }

        if (token.Length > MaxLength)
        {
            throw new CliUsageException($"the token from {source} is {token.Length} characters; at most {MaxLength}");
        }

        if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new CliUsageException($"the token from {source} contains whitespace or control characters; it must be one JWT (e.g. the output of 'token issue')");
        }

        return token;
    }
}
