using CloudGov.Agent.Providers;
using CloudGov.Proto.Agent.V1;
using Microsoft.Extensions.Configuration;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// A real simulated zone that records the order in which commands are carried out, and can break the agent's stream once
/// while carrying out a chosen command (its exception ends the session; the agent reconnects and the command comes again).
/// </summary>
internal sealed class RecordingProvider(SimulatedZoneProvider zone) : IZoneProvider
{
    private readonly List<string> _executed = [];
    private readonly object _gate = new();
    private string? _breakOn;

    public CloudGov.Proto.Common.V1.ProviderKind Kind => zone.Kind;

    /// <summary>Command ids in the order they were carried out (a command carried out again after a broken stream appears again).</summary>
    public IReadOnlyList<string> Executed
    {
        get
        {
            lock (_gate)
            {
                return [.. _executed];
            }
        }
    }

    /// <summary>The first time <paramref name="commandId"/> arrives, the stream breaks instead of carrying it out.</summary>
    public void BreakStreamOnceOn(string commandId)
    {
        lock (_gate)
        {
            _breakOn = commandId;
        }
    }

    public static RecordingProvider For(Dictionary<string, string?> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(CloudGov.Agent.AgentOptions.SectionName).Get<CloudGov.Agent.AgentOptions>()!;
        return new RecordingProvider(new SimulatedZoneProvider(options, TimeProvider.System));
    }

    public ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken) => zone.ObserveAsync(now, cancellationToken);

    public async ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (string.Equals(_breakOn, command.CommandId, StringComparison.Ordinal))
            {
                _breakOn = null;
                throw new IOException($"the connection broke while command {command.CommandId} was carried out");
            }

            _executed.Add(command.CommandId);
        }

        return await zone.ExecuteAsync(command, cancellationToken);
    }
}
