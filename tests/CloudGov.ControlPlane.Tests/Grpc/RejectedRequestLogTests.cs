using System.Net;
using CloudGov.ControlPlane.Grpc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.Grpc;

/// <summary>Refused calls cost the log one bounded line per peer and status per window, never one per call, worded by status.</summary>
public sealed class RejectedRequestLogTests
{
    private static HttpContext Rejected(string peer, string status = "3", string? message = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Path = "/cloudgov.operations.v1.OperationsService/GetZone";
        context.Response.Headers["grpc-status"] = status;
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message ?? "zone_id: 'BAD\\u000a' is malformed");
        return context;
    }

    [Test]
    public void Observe_ManyRejectionsFromOnePeer_OneLinePerWindowCountingTheRest()
    {
        var time = new FakeTimeProvider();
        var logger = new ListLogger();
        var log = new RejectedRequestLog(time, logger);

        for (int i = 0; i < 100; i++)
        {
            log.Observe(Rejected("10.0.0.1"));
        }

        log.Observe(Rejected("10.0.0.2"));
        time.Advance(RejectedRequestLog.Window);
        log.Observe(Rejected("10.0.0.1"));

        Assert.That(logger.Lines, Has.Count.EqualTo(3));
        Assert.That(logger.Lines[0], Does.Contain("10.0.0.1").And.Contain("InvalidArgument").And.Contain("0 more"));
        Assert.That(logger.Lines[1], Does.Contain("10.0.0.2"));
        Assert.That(logger.Lines[2], Does.Contain("10.0.0.1").And.Contain("99 more from this peer"));
        Assert.That(logger.Levels, Has.All.EqualTo(LogLevel.Warning));
    }

    [Test]
    public void Observe_HugeMessageWithNewlines_QuotesABoundedEscapedExcerpt()
    {
        var logger = new ListLogger();
        var log = new RejectedRequestLog(new FakeTimeProvider(), logger);

        log.Observe(Rejected("10.0.0.3", message: "line1\nline2" + new string('x', 100_000)));

        Assert.That(logger.Lines.Single(), Has.Length.LessThan(600));
        Assert.That(logger.Lines.Single().Contains('\n', StringComparison.Ordinal), Is.False);
    }

    [Test]
    public void Observe_ResourceExhausted_WordedAsALimitReachedAtInformationNotAsMalformed()
    {
        var logger = new ListLogger();
        var log = new RejectedRequestLog(new FakeTimeProvider(), logger);

        log.Observe(Rejected("10.0.0.5", "8", "tenant d01 already has 16 pending requests (at most 16); cancel one or wait for a decision"));

        Assert.That(logger.Lines.Single(), Does.Contain("limit or quota was reached").And.Contain("ResourceExhausted").And.Contain("16 pending requests"));
        Assert.That(logger.Lines.Single(), Does.Not.Contain("malformed"));
        Assert.That(logger.Levels.Single(), Is.EqualTo(LogLevel.Information));
    }

    [Test]
    public void Observe_QuotaRefusalFloodThenMalformedCallFromOnePeer_MalformedCallStillLoggedAsWarning()
    {
        var logger = new ListLogger();
        var log = new RejectedRequestLog(new FakeTimeProvider(), logger);

        for (int i = 0; i < 1_000; i++)
        {
            log.Observe(Rejected("10.0.0.6", "8", "TENANT_QUOTA_EXCEEDED at nn: no quota left"));
        }

        log.Observe(Rejected("10.0.0.6"));

        Assert.That(logger.Lines, Has.Count.EqualTo(2), "one line per peer and status per window, not one per refusal");
        Assert.That(logger.Levels, Is.EqualTo(new[] { LogLevel.Information, LogLevel.Warning }));
        Assert.That(logger.Lines[1], Does.Contain("malformed").And.Contain("InvalidArgument"));
    }

    [TestCase("0")]
    [TestCase("5")]
    [TestCase("14")]
    public void Observe_OtherStatuses_NotLogged(string status)
    {
        var logger = new ListLogger();
        var log = new RejectedRequestLog(new FakeTimeProvider(), logger);

        log.Observe(Rejected("10.0.0.4", status));

        Assert.That(logger.Lines, Is.Empty);
    }

    private sealed class ListLogger : ILogger<RejectedRequestLog>
    {
        public List<string> Lines { get; } = [];

        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Lines.Add(formatter(state, exception));
            Levels.Add(logLevel);
        }
    }
}
