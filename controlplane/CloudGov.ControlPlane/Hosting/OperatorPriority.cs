namespace CloudGov.ControlPlane.Hosting;

/// <summary>
/// Lets operators' calls and health probes go ahead of agent admissions (<see cref="ControlPlaneOptions.OperatorPriorityPause"/>).
/// Every request that is not an agent's counts itself in flight (<see cref="Enter"/>); an agent handshake or registration
/// that has just taken its admission slot first waits (<see cref="YieldAsync"/>) until no operator request is in flight —
/// at most the pause, so agents are slowed, never starved, by an operator calling back to back. Off (no wait, nothing
/// counted) when the pause is zero.
/// </summary>
internal sealed class OperatorPriority
{
    private readonly TimeSpan _pause;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _clear;

    /// <param name="pause">The longest one admission waits for operators; zero or less is off.</param>
    /// <param name="time">The clock the pause is measured on.</param>
    public OperatorPriority(TimeSpan pause, TimeProvider time)
    {
        _pause = pause;
        _time = time;
    }

    /// <summary>An instance that never waits.</summary>
    public static OperatorPriority Off { get; } = new(TimeSpan.Zero, TimeProvider.System);

    /// <summary>Whether admissions yield to operators at all.</summary>
    public bool Enabled => _pause > TimeSpan.Zero;

    /// <summary>Operator requests in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Counts one operator request in flight until the returned handle is disposed.</summary>
    public IDisposable Enter()
    {
        if (!Enabled)
        {
            return Released.Instance;
        }

        lock (_gate)
        {
            _inFlight++;
        }

        return new Handle(this);
    }

    /// <summary>Completes once no operator request is in flight, or after the pause, whichever is first; never throws on cancellation.</summary>
    public Task YieldAsync(CancellationToken cancellationToken)
    {
        if (!Enabled || Volatile.Read(ref _inFlight) == 0)
        {
            return Task.CompletedTask;
        }

        Task clear;
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _clear ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            clear = _clear.Task;
        }

        return Task.WhenAny(clear, Task.Delay(_pause, _time, cancellationToken));
    }

    private void Leave()
    {
        TaskCompletionSource? clear = null;
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                clear = _clear;
                _clear = null;
            }
        }

        clear?.TrySetResult();
    }

    private sealed class Handle(OperatorPriority owner) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                owner.Leave();
            }
        }
    }

    private sealed class Released : IDisposable
    {
        public static Released Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
