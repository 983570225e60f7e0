using System.Reflection;
using CloudGov.ControlPlane.Security;
using CloudGov.Testing.Identity;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.EndToEnd.Tests.Identity;

/// <summary>
/// The role × RPC matrix over every RPC of every service the host maps, generated from the services' protobuf
/// descriptors: every RPC has a row in <see cref="RpcAccessRules"/> (a new RPC without one fails here), and a live call
/// by each kind of caller gets exactly what its row says — no token UNAUTHENTICATED, a role outside the row
/// PERMISSION_DENIED, a role in the row past authorization.
/// </summary>
public sealed class AccessMatrixTests
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);
    private static ControlPlaneProcess _host = null!;
    private static Grpc.Net.Client.GrpcChannel _channel = null!;

    /// <summary>The callers of the matrix: none, and one of each role.</summary>
    private static readonly (string Name, CallerRole? Role, string? Token)[] Callers =
    [
        ("no token", null, null),
        ("operator", CallerRole.Operator, TestTokens.Operator),
        ("auditor", CallerRole.Auditor, TestTokens.Auditor()),
        ("tenant", CallerRole.Tenant, TestTokens.Tenant("nn-dsj")),
    ];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ControlPlaneProcess.StartAsync();
        _channel = TestTokens.Channel(_host.GrpcAddress, anonymous: true);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public void Descriptors_EveryRpcOfEveryMappedService_HasExactlyOneAccessRule()
    {
        var rpcs = MappedRpcs();
        var missing = rpcs.Where(m => RpcAccessRules.Find(Name(m)) is null).Select(Name).ToList();

        Assert.That(rpcs.Select(m => m.Service.FullName).Distinct(), Is.SupersetOf(new[] { "cloudgov.operations.v1.OperationsService", "cloudgov.agent.v1.AgentService", "grpc.health.v1.Health" }));
        Assert.That(missing, Is.Empty, "every RPC needs a row in Security/RpcAccessRules.cs (RPCs without one are denied to everyone)");
    }

    [Test]
    public void AccessRules_EveryRow_NamesAnRpcTheHostMaps()
    {
        var mapped = MappedRpcs().Select(Name).ToHashSet(StringComparer.Ordinal);

        Assert.That(RpcAccessRules.All.Keys.Where(k => !mapped.Contains(k)), Is.Empty, "rows for RPCs the host does not map (stale or misspelt)");
    }

    [Test]
    public async Task EveryRpc_EveryCaller_GetsWhatItsRuleSays()
    {
        var wrong = new List<string>();
        foreach (var method in MappedRpcs())
        {
            var rule = RpcAccessRules.Find(Name(method));
            if (rule is null)
            {
                wrong.Add($"{Name(method)}: no rule");
                continue;
            }

            if (rule.Access == RpcAccess.ClientCertificate)
            {
                // Agents prove their zone with a client certificate on the agent endpoint, never with a token; on the
                // token port the RPC is refused to every caller, bearer token or not.
                var withCertificate = await CallAsync(_host.AgentChannel("gx-matrix-zone"), method, token: null);
                if (withCertificate.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                {
                    wrong.Add($"{Name(method)} with a zone certificate on the agent endpoint: expected past authorization, got {withCertificate.StatusCode} ({withCertificate.Detail})");
                }

                foreach (var (name, _, token) in Callers)
                {
                    var onTokenPort = await CallAsync(_channel, method, token);
                    if (onTokenPort.StatusCode != StatusCode.Unauthenticated)
                    {
                        wrong.Add($"{Name(method)} as {name} on the token port: expected Unauthenticated, got {onTokenPort.StatusCode}");
                    }
                }

                continue;
            }

            foreach (var (name, role, token) in Callers)
            {
                var status = await CallAsync(_channel, method, token);
                bool passes = rule.Access == RpcAccess.Anonymous || (role is { } r && rule.Allows(r));
                var expected = passes ? "past authorization" : role is null ? "Unauthenticated" : "PermissionDenied";
                bool ok = passes
                    ? status.StatusCode is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                    : status.StatusCode == (role is null ? StatusCode.Unauthenticated : StatusCode.PermissionDenied);
                if (!ok)
                {
                    wrong.Add($"{Name(method)} as {name}: expected {expected}, got {status.StatusCode} ({status.Detail})");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    /// <summary>The gRPC method name, <c>package.Service/Method</c>.</summary>
    private static string Name(MethodDescriptor method) => $"{method.Service.FullName}/{method.Name}";

    /// <summary>Every method of every gRPC service the host maps, from the protobuf descriptor its generated base class binds.</summary>
    private static List<MethodDescriptor> MappedRpcs()
    {
        var serviceTypes = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.ServiceType)
            .OfType<Type>()
            .Distinct()
            .ToList();
        Assert.That(serviceTypes, Is.Not.Empty, "the host maps gRPC services");
        return [.. serviceTypes.Select(Descriptor).DistinctBy(s => s.FullName).SelectMany(s => s.Methods)];
    }

    /// <summary>The descriptor of the service an implementation type serves (its base class's <c>[BindServiceMethod]</c> type's <c>Descriptor</c>).</summary>
    private static ServiceDescriptor Descriptor(Type implementation)
    {
        for (var type = implementation; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>() is { } bind)
            {
                return (ServiceDescriptor)bind.BindType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            }
        }

        throw new AssertionException($"{implementation} has no [BindServiceMethod] base: cannot find its descriptor");
    }

    /// <summary>Calls <paramref name="method"/> on <paramref name="channel"/> with an empty request (and, for client streams, no messages) as <paramref name="token"/>.</summary>
    private static async Task<Status> CallAsync(Grpc.Net.Client.GrpcChannel channel, MethodDescriptor method, string? token)
    {
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var rpc = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var headers = token is null ? new Metadata() : TestTokens.Bearer(token);
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(5));
        var invoker = channel.CreateCallInvoker();
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(rpc, null, options, []);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(rpc, null, options, []))
                    {
                        // The first message (or the status) is enough: authorization has been decided by then.
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(rpc, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }
}
