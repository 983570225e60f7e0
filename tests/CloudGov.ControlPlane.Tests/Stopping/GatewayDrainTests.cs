using CloudGov.ControlPlane.Stopping;
using CloudGov.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudGov.ControlPlane.Tests.Stopping;

public sealed class GatewayDrainTests
{
    [Test]
    public async Task Stopping_ShutdownTimeoutCutsTheStatusGraceShort_LogsNoDrainTimeout()
    {
        using var log = new CapturedLog();
        using var drain = Drain(log, new GatewayDrainOptions { StatusGrace = TimeSpan.FromSeconds(5) });
        var lease = drain.Enter();
        using var shutdown = new CancellationTokenSource();

        var stopping = drain.StoppingAsync(shutdown.Token);
        lease.Dispose(); // the last stream ends: the drain is complete, the grace begins
        await Task.Delay(50);
        await shutdown.CancelAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.That(log.Entries, Is.Empty, "every stream had ended, so no drain timed out");
    }

    [Test]
    public async Task Stopping_ShutdownTimeoutWhileAStreamIsOpen_LogsTheDrainTimeoutWithTheOpenCount()
    {
        using var log = new CapturedLog();
        using var drain = Drain(log, new GatewayDrainOptions());
        using var lease = drain.Enter();
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await drain.StoppingAsync(shutdown.Token).WaitAsync(TimeSpan.FromSeconds(2));

        Assert.That(log.Entries, Has.One.Matches<CapturedLog.Entry>(e => e!.Level == LogLevel.Warning && e.Message.Contains("1 agent stream(s) still open", StringComparison.Ordinal)));
    }

    private static GatewayDrain Drain(CapturedLog log, GatewayDrainOptions options) =>
        new(new Lifetime(), Options.Create(options), new HostStoppingFlag(), new Logger<GatewayDrain>(new LoggerFactory([log])));

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
