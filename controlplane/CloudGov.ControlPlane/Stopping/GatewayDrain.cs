using System.Diagnostics;

namespace CloudGov.ControlPlane.Stopping;

/// <summary>
/// Ends this host's agent streams early in shutdown, before the silo stops. When the application starts stopping
/// (<see cref="IHostApplicationLifetime.ApplicationStopping"/>), every open stream stops reading (its handler sees the end of
/// the agent's messages, acknowledges what became durable and records the disconnect with the zone grain while the silo is
/// still up) and ends with <see cref="Grpc.HostStoppingStatus"/>; new streams are refused with the same status. Its
/// <see cref="StoppingAsync"/> runs before any hosted service's StopAsync (the silo's, Kestrel's) and waits, up to
/// <see cref="GatewayDrainOptions.DrainTimeout"/>, until the last stream has stopped reading.
/// <para>A zone whose grain lived here and whose agent moved to another host at once may meet Orleans' window in which the
/// other silo activates it before this one finished deactivating it; the stale copy ends itself on the storage conflict
/// (see <c>PersistentStateExtensions</c>) and nothing acknowledged is lost. Holding the streams' end until the silo's
/// grains are gone is not possible here: Kestrel stops before the silo and would wait for the held streams.</para>
/// </summary>
internal sealed class GatewayDrain(IHostApplicationLifetime lifetime, IOptions<GatewayDrainOptions> options, HostStoppingFlag flag, ILogger<GatewayDrain> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _since = new();
    private CancellationTokenRegistration _registration;
    private bool _draining;
    private int _open;
    private int _drained;

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
            _drained = open;
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
            return;
        }
        catch (OperationCanceledException)
        {
            StoppingLog.DrainTimedOut(logger, Open, _since.Elapsed);
            return;
        }

        if (_drained > 0 && options.Value.StatusGrace > TimeSpan.Zero)
        {
            // Every stream has ended; the grace only keeps the connections open while the agents read their status. The
            // host's own shutdown timeout may cut it short, which loses nothing and is no drain timeout.
            await Task.Delay(options.Value.StatusGrace, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
