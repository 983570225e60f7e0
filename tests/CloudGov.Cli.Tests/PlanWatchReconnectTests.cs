using System.Collections.Concurrent;
using CloudGov.Cli.Commands;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudGov.Cli.Tests;

/// <summary>
/// <c>plans watch</c> when its stream breaks: an OperationsService stand-in on loopback gRPC whose WatchPlan streams
/// follow a script (events, then a status), so a broken stream can be seen from the command line's side.
/// </summary>
public sealed class PlanWatchReconnectTests
{
    private const string PlanId = "plan-00000000000000ab";

    [Test]
    public async Task PlansWatch_StreamBreaksAfterAnEvent_ReconnectsAndFollowsToCompleted()
    {
        await using var service = await StandIn.StartAsync(
            ([Event(PlanState.Executing, MoveState.Placing, snapshot: true)], new Status(StatusCode.Unavailable, "this control-plane host is stopping")),
            ([Event(PlanState.Executing, MoveState.Removing, snapshot: true), Event(PlanState.Completed, MoveState.Completed, final: true)], Status.DefaultSuccess));
        var cli = LoggedIn(service.Address);

        var watch = await cli.RunAsync("plans", "watch", PlanId);

        Assert.That(watch.ExitCode, Is.EqualTo(0), watch.ToString());
        Assert.That(service.Calls, Is.EqualTo(2), "one reconnect");
        Assert.That(watch.Error, Does.Contain("broke (UNAVAILABLE: this control-plane host is stopping); reconnecting in 0.25 s"));
        Assert.That(watch.Out, Does.Contain("move 0 nn-01 gx-a → gx-b: placing").And.Contain("move 0 nn-01 gx-a → gx-b: removing").And.Contain("move 0 nn-01 gx-a → gx-b: completed"));
        Assert.That(watch.Out, Does.Contain($"plan {PlanId} ended completed"));
    }

    [Test]
    public async Task PlansWatch_FirstCallUnavailable_ExitCode24WithoutRetry()
    {
        await using var service = await StandIn.StartAsync(([], new Status(StatusCode.Unavailable, "cluster down")));

        var refused = await LoggedIn(service.Address).RunAsync("plans", "watch", PlanId);

        Assert.That(refused.ExitCode, Is.EqualTo(24), "UNAVAILABLE on the first call: " + refused);
        Assert.That(service.Calls, Is.EqualTo(1), "a first call that fails is not retried");
    }

    [Test]
    public async Task ReadAsync_StreamKeepsBreakingAfterAnEvent_GivesUpWithTheLastStatusAfterMaxReconnects()
    {
        var streams = new List<(WatchPlanEvent[], Status)> { ([Event(PlanState.Executing, MoveState.Placing, snapshot: true)], new Status(StatusCode.Internal, "reset")) };
        streams.AddRange(Enumerable.Repeat<(WatchPlanEvent[], Status)>(([], new Status(StatusCode.Unavailable, "still down")), PlanEventStream.MaxReconnects + 5));
        await using var service = await StandIn.StartAsync([.. streams]);
        using var channel = TestTokens.Channel(service.Address);
        var client = new OperationsService.OperationsServiceClient(channel);
        var notices = new StringWriter();
        var received = new List<WatchPlanEvent>();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var update in PlanEventStream.ReadAsync(client, ct => new CallOptions(cancellationToken: ct), PlanId, notices, CancellationToken.None, _ => TimeSpan.Zero))
            {
                received.Add(update);
            }
        });

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unavailable), error.ToString());
        Assert.That(error.Status.Detail, Is.EqualTo("still down"));
        Assert.That(received, Has.Count.EqualTo(1));
        Assert.That(service.Calls, Is.EqualTo(1 + PlanEventStream.MaxReconnects), "the first stream, then the reconnects in a row without an event");
        Assert.That(notices.ToString().Trim().Split('\n'), Has.Length.EqualTo(PlanEventStream.MaxReconnects), "one notice per reconnect");
    }

    private static CliRun LoggedIn(Uri address)
    {
        var cli = new CliRun();
        cli.Environment["CLOUDGOV_TOKEN"] = TestTokens.Operator;
        cli.Environment["CLOUDGOV_CONFIG"] = cli.WriteFile("config.yaml", $"current-context: s\ncontexts:\n- name: s\n  server: {address}\n  token-env: UNUSED\n");
        return cli;
    }

    private static WatchPlanEvent Event(PlanState state, MoveState move, bool snapshot = false, bool final = false) => new()
    {
        Plan = new Plan { PlanId = PlanId, State = state, Moves = { new PlanMove { Index = 0, WorkloadId = "nn-01", FromZoneId = "gx-a", ToZoneId = "gx-b", State = move } } },
        Snapshot = snapshot,
        Final = final,
    };

    /// <summary>An OperationsService whose n-th WatchPlan call sends the n-th script's events, then ends with its status.</summary>
    private sealed class StandIn : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Script _script;

        private StandIn(WebApplication app, Uri address, Script script)
        {
            _app = app;
            Address = address;
            _script = script;
        }

        public Uri Address { get; }

        public int Calls => _script.Calls;

        public static async Task<StandIn> StartAsync(params (WatchPlanEvent[] Events, Status End)[] streams)
        {
            int port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http2));
            var script = new Script(streams);
            builder.Services.AddSingleton(script);
            builder.Services.AddGrpc();
            var app = builder.Build();
            app.MapGrpcService<Service>();
            await app.StartAsync();
            return new StandIn(app, new Uri($"http://127.0.0.1:{port}"), script);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class Script((WatchPlanEvent[] Events, Status End)[] streams)
    {
        private readonly ConcurrentQueue<(WatchPlanEvent[] Events, Status End)> _pending = new(streams);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public (WatchPlanEvent[] Events, Status End) Next()
        {
            Interlocked.Increment(ref _calls);
            return _pending.TryDequeue(out var next) ? next : ([], new Status(StatusCode.Internal, "stand-in: no more streams scripted"));
        }
    }

    private sealed class Service(Script script) : OperationsService.OperationsServiceBase
    {
        public override async Task WatchPlan(WatchPlanRequest request, IServerStreamWriter<WatchPlanEvent> responseStream, ServerCallContext context)
        {
            var (events, end) = script.Next();
            foreach (var update in events)
            {
                await responseStream.WriteAsync(update);
            }

            if (end.StatusCode != StatusCode.OK)
            {
                throw new RpcException(end);
            }
        }
    }
}
