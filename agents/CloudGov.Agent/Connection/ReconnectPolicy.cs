namespace CloudGov.Agent.Connection;

/// <summary>
/// How long the agent waits before its next session. After a failure: jittered exponential backoff from
/// <see cref="AgentOptions.InitialReconnectDelay"/> up to <see cref="AgentOptions.MaxReconnectDelay"/>. After a host said it is
/// stopping (<see cref="HostStopping"/>), the next configured host is tried at once — for as many hosts as are configured
/// other than the stopping one; when every host said so in a row (the whole cluster stops), or only one host is configured,
/// the backoff applies again. A welcomed session resets both.
/// </summary>
public sealed class ReconnectPolicy(TimeSpan initial, TimeSpan max, int hosts, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private readonly TimeSpan _initial = initial;
    private TimeSpan _delay = initial;
    private int _stoppingInARow;

    /// <summary>A session was welcomed.</summary>
    public void Connected()
    {
        _delay = _initial;
        _stoppingInARow = 0;
    }

    /// <summary>The wait before the next session, given how the last one ended.</summary>
    public TimeSpan NextDelay(bool hostStopping)
    {
        if (hostStopping)
        {
            _stoppingInARow++;
            if (_stoppingInARow < hosts)
            {
                return TimeSpan.Zero;
            }
        }
        else
        {
            _stoppingInARow = 0;
        }

        var jittered = TimeSpan.FromMilliseconds(_delay.TotalMilliseconds * (0.5 + _random()));
        _delay = TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, _delay.TotalMilliseconds * 2));
        return jittered;
    }
}
