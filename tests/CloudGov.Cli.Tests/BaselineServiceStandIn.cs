using System.Collections.Concurrent;
using CloudGov.Proto.Baseline.V1;
using CloudGov.Testing.Identity;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudGov.Cli.Tests;

/// <summary>
/// A BaselineService on loopback gRPC standing in for the control plane's until the host serves one (the baselines
/// stream builds it): it records every request it gets and answers with the messages a test gives it, or with a status.
/// The command line cannot tell it from the real service: same generated server base, same wire, same bearer header.
/// </summary>
internal sealed class BaselineServiceStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BaselineServiceStandIn(WebApplication app, Uri address, CallLog recorder)
    {
        _app = app;
        Address = address;
        Recorder = recorder;
    }

    public Uri Address { get; }

    public CallLog Recorder { get; }

    public static async Task<BaselineServiceStandIn> StartAsync()
    {
        int port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http2));
        var recorder = new CallLog();
        builder.Services.AddSingleton(recorder);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        return new BaselineServiceStandIn(app, new Uri($"http://127.0.0.1:{port}"), recorder);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What the service received and what it answers.</summary>
    internal sealed class CallLog
    {
        public ConcurrentQueue<IMessage> Requests { get; } = new();

        public ConcurrentQueue<string> Authorization { get; } = new();

        /// <summary>Answers by request type; a <see cref="Status"/> value fails the call with it.</summary>
        public ConcurrentDictionary<Type, object> Answers { get; } = new();

        public T Answer<T>(IMessage request, ServerCallContext context)
        {
            Requests.Enqueue(request);
            Authorization.Enqueue(context.RequestHeaders.GetValue("authorization") ?? "");
            if (context.RequestHeaders.GetValue("authorization") != $"Bearer {TestTokens.Operator}")
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "stand-in: not the test operator's token"));
            }

            return Answers.TryGetValue(request.GetType(), out var answer)
                ? answer is Status status ? throw new RpcException(status) : (T)answer
                : throw new RpcException(new Status(StatusCode.Internal, $"stand-in: no answer for {request.GetType().Name}"));
        }
    }

    private sealed class Service(CallLog recorder) : BaselineService.BaselineServiceBase
    {
        public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context) => Task.FromResult(recorder.Answer<ListRulesResponse>(request, context));

        public override Task<ListFindingsResponse> ListFindings(ListFindingsRequest request, ServerCallContext context) => Task.FromResult(recorder.Answer<ListFindingsResponse>(request, context));

        public override Task<Finding> GetFinding(GetFindingRequest request, ServerCallContext context) => Task.FromResult(recorder.Answer<Finding>(request, context));

        public override Task<Waiver> RequestWaiver(RequestWaiverRequest request, ServerCallContext context) => Task.FromResult(recorder.Answer<Waiver>(request, context));

        public override Task<Waiver> ApproveWaiver(ApproveWaiverRequest request, ServerCallContext context) => Task.FromResult(recorder.Answer<Waiver>(request, context));

        public override Task<Waiver> RevokeWaiver(RevokeWaiverRequest request, ServerCallContext context) => Task.FromResult(recorder.Answer<Waiver>(request, context));

        public override Task<ListWaiversResponse> ListWaivers(ListWaiversRequest request, ServerCallContext context) => Task.FromResult(recorder.Answer<ListWaiversResponse>(request, context));

        public override Task<GetComplianceScoresResponse> GetComplianceScores(GetComplianceScoresRequest request, ServerCallContext context) =>
            Task.FromResult(recorder.Answer<GetComplianceScoresResponse>(request, context));
    }
}
