namespace CloudGov.Cli.Connection;

/// <summary>The options every command takes: which context, server, output format and call deadline.</summary>
internal sealed record GlobalSettings(string? Context, string? Server, Output.OutputFormat Output, TimeSpan Timeout);
