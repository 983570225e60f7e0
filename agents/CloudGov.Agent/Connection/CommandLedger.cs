namespace CloudGov.Agent.Connection;

/// <summary>
/// Remembers the outcome of recent commands by id, so a command re-sent after a reconnect is answered with the
/// first outcome instead of being carried out twice. Bounded to the most recent <c>capacity</c> ids.
/// </summary>
public sealed class CommandLedger(int capacity = 10_000)
{
    private readonly Dictionary<string, CommandResult> _results = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly object _gate = new();

    /// <summary>Returns the recorded outcome of a command id, if it was carried out before.</summary>
    public bool TryGet(string commandId, out CommandResult result)
    {
        lock (_gate)
        {
            return _results.TryGetValue(commandId, out result!);
        }
    }

    /// <summary>Records a command's outcome.</summary>
    public void Record(CommandResult result)
    {
        lock (_gate)
        {
            if (_results.TryAdd(result.CommandId, result))
            {
                _order.Enqueue(result.CommandId);
                while (_order.Count > capacity)
                {
                    _results.Remove(_order.Dequeue());
                }
            }
        }
    }
}
