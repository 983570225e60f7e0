using System.CommandLine;
using System.Text.Json;
using CloudGov.Cli.Config;
using CloudGov.Cli.Connection;
using CloudGov.Cli.Output;
using CloudGov.Proto.Tenant.V1;
using Grpc.Core;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov login</c> and <c>cloudgov context list|use|delete</c>: named contexts (server + token source) in the config file, like kubectl's.</summary>
internal static class LoginCommands
{
    public static Command Login(CliApp app)
    {
        var name = new Argument<string>("context") { Description = "The context's name (e.g. demo, prod-operator)" };
        var tokenFile = new Option<string?>("--token-file") { Description = "Read the token from this file at every call (the file itself, or with --token-key its KEY=value lines)" };
        var tokenKey = new Option<string?>("--token-key") { Description = "The key of the token in a KEY=value --token-file (e.g. CLOUDGOV_OPERATOR_TOKEN in the demo's tokens.env)" };
        var tokenEnv = new Option<string?>("--token-env") { Description = "Read the token from this environment variable at every call" };
        var tokenStdin = new Option<bool>("--token-stdin") { Description = "Read the token from standard input now (e.g. piped from the control plane's `token issue`) and keep it in the config file (owner-only)" };
        var noVerify = new Option<bool>("--no-verify") { Description = "Save without asking the control plane whether it accepts the token" };
        var command = CliApp.Verb("login",
            "Saves a context (server and where its token comes from), makes it current, and checks that the control plane accepts the token (ListTenants). Several contexts can be kept, like kubectl's; the config file is ~/.cloudgov/config.yaml or $CLOUDGOV_CONFIG.",
            "cloudgov login demo --server http://127.0.0.1:5100 --token-file demo/CloudGov.Demo/data/tokens.env --token-key CLOUDGOV_OPERATOR_TOKEN",
            "dotnet run --project controlplane/CloudGov.ControlPlane -- token issue --subject zhang --role operator --expires 8h --key-file /etc/cloudgov/signing.key | cloudgov login prod --server https://cloudgov.example:5100 --token-stdin");
        command.Arguments.Add(name);
        foreach (var option in new Option[] { tokenFile, tokenKey, tokenEnv, tokenStdin, noVerify })
        {
            command.Options.Add(option);
        }

        // --server (the global option) is the address saved in the context.
        app.Handle(command, async (context, cancellationToken) =>
        {
            var contextName = context.Get(name);
            if (!ConfigStore.IsValidName(contextName))
            {
                throw new CliUsageException($"context name '{ControlPlaneConnection.Shorten(contextName)}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }

            var address = ControlPlaneConnection.ParseServer(context.Settings.Server
                ?? throw new CliUsageException("login needs --server <address>, e.g. --server http://127.0.0.1:5100"));
            var entry = new CliContext { Name = contextName, Server = address.ToString().TrimEnd('/') };
            int sources = (context.Get(tokenFile) is not null ? 1 : 0) + (context.Get(tokenEnv) is not null ? 1 : 0) + (context.Get(tokenStdin) ? 1 : 0);
            if (sources != 1)
            {
                throw new CliUsageException("give exactly one token source: --token-file <file> [--token-key KEY], --token-env <VARIABLE> or --token-stdin");
            }

            if (context.Get(tokenKey) is not null && context.Get(tokenFile) is null)
            {
                throw new CliUsageException("--token-key names a key inside --token-file; give the file too");
            }

            if (context.Get(tokenFile) is { } file)
            {
                entry.TokenFile = Path.GetFullPath(file);
                entry.TokenKey = context.Get(tokenKey);
            }
            else if (context.Get(tokenEnv) is { } variable)
            {
                entry.TokenEnv = variable;
            }
            else
            {
                entry.Token = TokenReader.Check(await context.Environment.In.ReadToEndAsync(cancellationToken), "standard input");
            }

            // The token as the context reads it (not $CLOUDGOV_TOKEN: login checks the context's own source).
            var token = TokenReader.Read(entry, new CliEnvironment
            {
                Out = context.Environment.Out, Console = context.Environment.Console, Error = context.Environment.Error, In = TextReader.Null,
                GetEnvironmentVariable = v => v == TokenReader.OverrideVariable ? null : context.Environment.GetEnvironmentVariable(v),
                HomeDirectory = context.Environment.HomeDirectory, TimeZone = context.Environment.TimeZone,
            });
            if (!context.Get(noVerify))
            {
                await VerifyAsync(address, token, context.Settings.Timeout, cancellationToken);
            }

            var store = ConfigStore.For(context.Environment);
            var config = store.Load();
            config.Contexts.RemoveAll(c => c.Name == contextName);
            config.Contexts.Add(entry);
            config.CurrentContext = contextName;
            store.Save(config);

            var claims = TokenClaims.Read(token);
            await context.Environment.Out.WriteLineAsync(
                $"context '{contextName}' saved in {store.Path} and made current: {entry.Server}, token from {Source(entry)}" +
                (claims is null ? "" : $" (subject {claims.Subject}, role {claims.Role}{(claims.Tenant is null ? "" : $", tenant {claims.Tenant}")}, expires {(claims.Expires is { } e ? TimeZoneInfo.ConvertTime(e, context.Environment.TimeZone).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture) : "never")})"));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Context(CliApp app)
    {
        var contexts = CliApp.Verb("context", "The saved contexts: list them, choose the current one, delete one.", "cloudgov context list");

        var list = CliApp.Verb("list", "Lists the contexts in the config file; * marks the current one.", "cloudgov context list");
        app.Handle(list, (context, _) =>
        {
            var store = ConfigStore.For(context.Environment);
            var config = store.Load();
            if (context.Printer.Format == OutputFormat.Table)
            {
                var table = Show.Table("CURRENT", "NAME", "SERVER", "TOKEN FROM");
                foreach (var c in config.Contexts)
                {
                    Show.Row(table, c.Name == config.CurrentContext ? "*" : "", c.Name, c.Server, Source(c));
                }

                context.Environment.Console.Write(table);
                context.Environment.Console.WriteLine($"config file: {store.Path}");
            }
            else
            {
                var json = JsonSerializer.Serialize(new
                {
                    current_context = config.CurrentContext,
                    contexts = config.Contexts.Select(c => new { name = c.Name, server = c.Server, token_from = Source(c) }),
                }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                context.Environment.Out.WriteLine(context.Printer.Format == OutputFormat.Json ? json : YamlText.FromJson(json));
            }

            return Task.FromResult(ExitCodes.Success);
        });

        var useName = new Argument<string>("context") { Description = "The context to make current" };
        var use = CliApp.Verb("use", "Makes a context the current one.", "cloudgov context use demo-auditor");
        use.Arguments.Add(useName);
        app.Handle(use, (context, _) =>
        {
            var store = ConfigStore.For(context.Environment);
            var config = store.Load();
            var name = context.Get(useName);
            if (config.Find(name) is null)
            {
                throw new CliUsageException($"no context '{ControlPlaneConnection.Shorten(name)}' in {store.Path}; known: {string.Join(", ", config.Contexts.Select(c => c.Name))}");
            }

            config.CurrentContext = name;
            store.Save(config);
            context.Environment.Out.WriteLine($"current context: {name}");
            return Task.FromResult(ExitCodes.Success);
        });

        var deleteName = new Argument<string>("context") { Description = "The context to delete" };
        var delete = CliApp.Verb("delete", "Deletes a context (its token file, if any, is left alone).", "cloudgov context delete old-prod");
        delete.Arguments.Add(deleteName);
        app.Handle(delete, (context, _) =>
        {
            var store = ConfigStore.For(context.Environment);
            var config = store.Load();
            var name = context.Get(deleteName);
            if (config.Contexts.RemoveAll(c => c.Name == name) == 0)
            {
                throw new CliUsageException($"no context '{ControlPlaneConnection.Shorten(name)}' in {store.Path}");
            }

            if (config.CurrentContext == name)
            {
                config.CurrentContext = null;
            }

            store.Save(config);
            context.Environment.Out.WriteLine($"deleted context {name}");
            return Task.FromResult(ExitCodes.Success);
        });

        contexts.Subcommands.Add(list);
        contexts.Subcommands.Add(use);
        contexts.Subcommands.Add(delete);
        return contexts;
    }

    private static string Source(CliContext c) =>
        c.TokenFile is { Length: > 0 } f ? (c.TokenKey is { Length: > 0 } k ? $"{k} in {f}" : f)
        : c.TokenEnv is { Length: > 0 } v ? $"${v}"
        : c.Token is { Length: > 0 } ? "the config file" : "(none)";

    /// <summary>An authenticated call every role may make: refused with UNAUTHENTICATED for a bad token, UNAVAILABLE when nothing answers.</summary>
    private static async Task VerifyAsync(Uri server, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server);
        var client = new QuotaService.QuotaServiceClient(channel);
        try
        {
            await client.ListTenantsAsync(new ListTenantsRequest(), new CallOptions(
                headers: new Metadata { { "authorization", $"Bearer {token}" } }, deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken));
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.Unauthenticated or StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Unimplemented))
        {
            // Authenticated: the token is good even where this role may not list tenants.
        }
    }
}
