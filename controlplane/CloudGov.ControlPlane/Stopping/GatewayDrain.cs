using System.Diagnostics;

namespace CloudGov.ControlPlane.Stopping;

/// <summary>
/// Ends this host's agent streams early in shutdown, before the silo stops. When the application starts stopping
/// (<see cref="IHostApplicationLifetime.ApplicationStopping"/>), every open stream stops reading (its handler sees the end of
/// the agent's messages, acknowledges what became durable and records the disconnect with the zone grain while the silo is
/// still up) and ends with <see cref="Grpc.HostStoppingStatus"/>; new streams are refused with the same status. Its
/// <see cref="StoppingAsync"/> runs before any hosted service's StopAsync (the silo's, Kestrel's) and waits, up to
/// <see cref="GatewayDrainOptions.DrainTimeout"/>, until the last stream has stopped reading.
/// <para>The streams' final status is held back until the silo has deactivated its grains (<see cref="ReleaseStreams"/>, from
/// the silo's lifecycle; bounded by <see cref="MaxHold"/>): an agent that moved to another host at once would otherwise have
/// its zone activated there while this silo still flushes the old activation, and the two would conflict in storage. While
/// held, nothing is read from the agent; what it sends meanwhile stays unacknowledged and is re-sent to the next host.</para>
/// </summary>
internal sealed class GatewayDrain(IHostApplicationLifetime lifetime, IOptions<GatewayDrainOptions> options, HostStoppingFlag flag, ILogger<GatewayDrain> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _since = new();
    private CancellationTokenRegistration _registration;
    private bool _draining;
    private int _open;

    /// <summary>Cancelled when the host starts stopping.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>True once the host started stopping.</summary>
    public bool IsStopping
    {
        get
        {
            lock (_gate)
            {
                return _draining;
            }
        }
    }

    /// <summary>Streams open now.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>Counts a new stream until the returned lease is disposed; refuses it with the host-stopping status while stopping.</summary>
    public Lease Enter()
    {
        lock (_gate)
        {
            if (_draining)
            {
                throw Grpc.HostStoppingStatus.Create();
            }

            _open++;
        }

        return new Lease(this);
    }

    /// <summary>The longest a stream's final status waits for the silo's grains to be deactivated.</summary>
    internal static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(10);

    /// <summary>The silo deactivated its grains (or is gone): the held streams may end now.</summary>
    public void ReleaseStreams() => _released.TrySetResult();

    /// <summary>Waits until <see cref="ReleaseStreams"/>, at most <see cref="MaxHold"/>.</summary>
    public async Task WaitForReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _released.Task.WaitAsync(MaxHold, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // End the stream anyway; its agent reconnects either way.
        }
    }

    /// <summary>Starts ending every stream (idempotent). Called on ApplicationStopping.</summary>
    public void BeginDrain()
    {
        int open;
        lock (_gate)
        {
            if (_draining)
            {
                return;
            }

            _draining = true;
            flag.Set();
            open = _open;
            if (open == 0)
            {
                _allEnded.TrySetResult();
            }
        }

        _since.Start();
        StoppingLog.Draining(logger, open);
        _stopping.Cancel();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(BeginDrain);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before every hosted service's StopAsync: ends the streams and waits for them, bounded.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDrain();
        var timeout = options.Value.DrainTimeout;
        try
        {
            await _allEnded.Task.WaitAsync(timeout, cancellationToken);
            StoppingLog.Drained(logger, _since.ElapsedMilliseconds);
        }
        catch (TimeoutException)
        {
            StoppingLog.DrainTimedOut(logger, Open, timeout);
        }
        catch (OperationCanceledException)
        {
            StoppingLog.DrainTimedOut(logger, Open, _since.Elapsed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        ReleaseStreams();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registration.Dispose();
        _stopping.Dispose();
    }

    private void Leave()
    {
        lock (_gate)
        {
            _open--;
            if (_open == 0 && _draining)
            {
                _allEnded.TrySetResult();
            }
        }
    }

    /// <summary>One open stream, counted until disposed (when its handler returned).</summary>
    internal sealed class Lease(GatewayDrain drain) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                drain.Leave();
            }
        }
    }
}
