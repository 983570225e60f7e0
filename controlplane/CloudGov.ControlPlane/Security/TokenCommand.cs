using System.Globalization;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// <c>cloudgov-controlplane token issue --subject alice --role operator|auditor|tenant [--tenant T] [--expires 8h] [--key-file F]</c>
/// prints a signed bearer token (only the token on stdout; what it grants on stderr).
/// <c>token keygen --out F</c> writes a new random signing key. The key comes from <c>--key-file</c> or the host's own
/// configuration (appsettings.json, environment <c>Identity__SigningKeyFile</c>, <c>--Identity:SigningKeyFile=…</c>).
/// </summary>
public static class TokenCommand
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the key cannot be used or the token cannot be issued.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for wrong usage.</summary>
    public const int Usage = 2;

    private const string UsageText = """
        usage: cloudgov-controlplane token issue --subject <name> --role <operator|auditor|tenant> [--tenant <id>] [--expires <8h|30m|7d|hh:mm:ss>] [--key-file <path>]
               cloudgov-controlplane token keygen --out <path>
        The signing key is --key-file, else Identity:SigningKeyFile / Identity:SigningKey from the host's configuration.
        """;

    /// <summary>True when the first argument is <c>token</c>.</summary>
    public static bool IsTokenCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && string.Equals(args[0], "token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <c>token issue|keygen</c>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider time)
    {
        if (args.Count < 2)
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        if (!TryParseOptions(args.Skip(2).ToList(), out var options, out var rest, out var problem))
        {
            await error.WriteLineAsync($"{problem}\n{UsageText}");
            return Usage;
        }

        return args[1].ToLowerInvariant() switch
        {
            "issue" => await IssueAsync(options, rest, output, error, time),
            "keygen" => await KeygenAsync(options, output, error),
            _ => await UsageAsync(error, $"unknown token command '{args[1]}'"),
        };
    }

    private static async Task<int> IssueAsync(Dictionary<string, string> options, List<string> configurationArgs, TextWriter output, TextWriter error, TimeProvider time)
    {
        var identity = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. configurationArgs])
            .Build()
            .GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        if (options.TryGetValue("key-file", out var keyFile))
        {
            identity.SigningKeyFile = keyFile;
            identity.SigningKey = null;
        }

        if (!options.TryGetValue("subject", out var subject) || !options.TryGetValue("role", out var roleName))
        {
            return await UsageAsync(error, "--subject and --role are required");
        }

        CallerRole? role = roleName.ToLowerInvariant() switch
        {
            "operator" => CallerRole.Operator,
            "auditor" => CallerRole.Auditor,
            "tenant" => CallerRole.Tenant,
            _ => null,
        };
        if (role is null)
        {
            return await UsageAsync(error, "--role must be operator, auditor or tenant");
        }

        var lifetimeText = options.GetValueOrDefault("expires", "8h");
        if (!TryParseLifetime(lifetimeText, out var lifetime) || lifetime > identity.MaxTokenLifetime)
        {
            return await UsageAsync(error, $"--expires must be a duration like 30m, 8h or 7d, at most Identity:MaxTokenLifetime ({identity.MaxTokenLifetime})");
        }

        var tenant = options.GetValueOrDefault("tenant");
        if (TokenIssuer.Problem(subject, role.Value, tenant, lifetime) is { } bad)
        {
            return await UsageAsync(error, bad);
        }

        if (!SigningKeys.TryLoad(identity, out var key, out var keyProblem))
        {
            await error.WriteLineAsync($"token issue: {keyProblem}");
            return Failure;
        }

        var now = time.GetUtcNow();
        var token = new TokenIssuer(key!, identity.Issuer, identity.Audience).Issue(subject, role.Value, tenant, lifetime, now);
        await output.WriteLineAsync(token);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"token for {TokenIssuer.RoleName(role.Value)} '{subject}'{(tenant is null ? string.Empty : $" of tenant '{tenant}'")}, valid until {now + lifetime:yyyy-MM-dd HH:mm:ss} UTC (issuer {identity.Issuer}, audience {identity.Audience})"));
        return Success;
    }

    private static async Task<int> KeygenAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("out", out var path))
        {
            return await UsageAsync(error, "--out is required");
        }

        try
        {
            SigningKeys.WriteNew(path);
        }
        catch (IOException) when (File.Exists(path))
        {
            await error.WriteLineAsync($"token keygen: {path} exists; a key is never overwritten (tokens signed with it would stop working)");
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"token keygen: cannot write {path} ({ex.GetType().Name})");
            return Failure;
        }

        await output.WriteLineAsync($"wrote a new {SigningKeys.MinimumBytes * 16}-bit HS256 signing key to {path}; set Identity:SigningKeyFile={path}");
        return Success;
    }

    /// <summary>Splits <c>--name value</c> options from <c>--Section:Key=value</c> configuration arguments.</summary>
    private static bool TryParseOptions(List<string> args, out Dictionary<string, string> options, out List<string> configuration, out string? problem)
    {
        string[] known = ["subject", "role", "tenant", "expires", "key-file", "out"];
        options = new(StringComparer.Ordinal);
        configuration = [];
        problem = null;
        for (int i = 0; i < args.Count; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is not null && known.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    problem = $"--{name} needs a value";
                    return false;
                }

                options[name] = args[++i];
            }
            else if (name is not null && name.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(args[i]);
            }
            else
            {
                problem = $"unknown argument '{(args[i].Length > 40 ? args[i][..40] + "…" : args[i])}'";
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses <c>90s</c>, <c>30m</c>, <c>8h</c>, <c>7d</c> or a TimeSpan (<c>08:00:00</c>); positive only.</summary>
    public static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount < 1e6)
        {
            TimeSpan? parsed = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                lifetime = value;
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out lifetime) && lifetime > TimeSpan.Zero;
    }

    private static async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"token: {problem}\n{UsageText}");
        return Usage;
    }
}
