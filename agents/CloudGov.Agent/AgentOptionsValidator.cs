using System.Text.RegularExpressions;

namespace CloudGov.Agent;

/// <summary>Checks the agent's settings before it starts.</summary>
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        if (!ZoneIdPattern().IsMatch(options.ZoneId))
        {
            failures.Add($"Agent:ZoneId '{options.ZoneId}' must be 2-63 lowercase letters, digits and '-', starting with a letter.");
        }

        if (!IsGrpcAddress(options.ControlPlaneAddress))
        {
            failures.Add($"Agent:ControlPlaneAddress '{options.ControlPlaneAddress}' must be an absolute http:// or https:// address.");
        }

        for (int i = 0; i < options.ControlPlaneAddresses.Count; i++)
        {
            if (!IsGrpcAddress(options.ControlPlaneAddresses[i]))
            {
                failures.Add($"Agent:ControlPlaneAddresses:{i} '{options.ControlPlaneAddresses[i]}' must be an absolute http:// or https:// address.");
            }
        }

        Connection.AgentTls.AddFailures(options, failures);

        if (options.Simulation.IntentShare is { } share && (!double.IsFinite(share) || share < 0 || share > 1))
        {
            failures.Add($"Agent:Simulation:IntentShare is {share}; it must be between 0 and 1.");
        }

        if (options.Simulation.IntentResidency is not ("city" or "province"))
        {
            failures.Add($"Agent:Simulation:IntentResidency '{options.Simulation.IntentResidency}' must be city or province.");
        }

        if (options.ReportInterval < TimeSpan.FromMilliseconds(10))
        {
            failures.Add($"Agent:ReportInterval is {options.ReportInterval}; it must be at least 00:00:00.010.");
        }

        if (options.InitialReconnectDelay <= TimeSpan.Zero)
        {
            failures.Add($"Agent:InitialReconnectDelay is {options.InitialReconnectDelay}; it must be positive.");
        }
        else if (options.MaxReconnectDelay < options.InitialReconnectDelay)
        {
            failures.Add($"Agent:MaxReconnectDelay ({options.MaxReconnectDelay}) must be at least Agent:InitialReconnectDelay ({options.InitialReconnectDelay}).");
        }

        if (options.BacklogCapacity is < 1 or > 100_000)
        {
            failures.Add($"Agent:BacklogCapacity {options.BacklogCapacity} must be between 1 and 100000.");
        }

        var sim = options.Simulation;
        foreach (var rule in sim.ViolateRules.Where(r => !CloudGov.Agent.Providers.PostureFactKeys.Violations.ContainsKey(r)))
        {
            failures.Add($"Agent:Simulation:ViolateRules: '{(rule.Length > 64 ? rule[..64] : rule)}' is not a built-in zone rule; use one of {string.Join(", ", CloudGov.Agent.Providers.PostureFactKeys.Violations.Keys)}.");
        }

        if (sim.Posture.Count > 64 || sim.Posture.Any(p => p.Key.Length is 0 or > 128 || p.Value.Length > 256))
        {
            failures.Add("Agent:Simulation:Posture: at most 64 facts, keys 1-128 characters, values at most 256.");
        }

        if (!(sim.PlaceFailureRate is >= 0 and <= 1))
        {
            failures.Add($"Agent:Simulation:PlaceFailureRate {sim.PlaceFailureRate} must be between 0 and 1.");
        }

        if (sim.Shape is not ("" or "s" or "m" or "l" or "xl"))
        {
            failures.Add($"Agent:Simulation:Shape '{sim.Shape}' must be empty (mixed) or one of s, m, l, xl.");
        }

        if (sim.CommandDelay < TimeSpan.Zero || sim.CommandDelay > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Agent:Simulation:CommandDelay is {sim.CommandDelay}; it must be between 00:00:00 and 00:10:00.");
        }

        if (sim.CommandJitter < TimeSpan.Zero || sim.CommandJitter > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Agent:Simulation:CommandJitter is {sim.CommandJitter}; it must be between 00:00:00 and 00:10:00.");
        }

        if (sim.StatePath.Length > 0 && StatePathProblem(sim.StatePath) is { } problem)
        {
            failures.Add($"Agent:Simulation:StatePath '{sim.StatePath}' {problem}.");
        }

        if (options.Posture.Count > 64 || options.Posture.Any(f => f.Key.Length is 0 or > 128 || f.Key.Any(char.IsControl) || (f.Value ?? string.Empty).Length > 1024 || (f.Value ?? string.Empty).Any(char.IsControl)))
        {
            failures.Add("Agent:Posture holds at most 64 facts, keys 1-128 characters and values at most 1,024, without control characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why the state file could not be kept at <paramref name="path"/> (its directory is created here), or null.</summary>
    private static string? StatePathProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "must be a file path, or empty to keep the simulated zone in memory only";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a valid path: {ex.Message}";
        }

        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path))
        {
            return "names a directory; give a file such as zones/<zone-id>.json";
        }

        string directory = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(directory);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot be kept: its directory '{directory}' cannot be created ({ex.Message})";
        }
    }

    private static bool IsGrpcAddress(Uri? address) =>
        address is { IsAbsoluteUri: true } && address.Scheme is "http" or "https";

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,61}[a-z0-9]\z")]
    private static partial Regex ZoneIdPattern();
}
