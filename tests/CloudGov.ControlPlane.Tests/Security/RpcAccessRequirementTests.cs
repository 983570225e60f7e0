using System.Security.Claims;
using CloudGov.ControlPlane.Security;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace CloudGov.ControlPlane.Tests.Security;

/// <summary>The fallback policy's requirement: an RPC without a rule, or a plain endpoint, is denied even to an operator.</summary>
public sealed class RpcAccessRequirementTests
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);

    [Test]
    public async Task Handle_RpcWithoutARule_DeniedToOperatorNamingTheRpc()
    {
        var result = await AuthorizeAsync("cloudgov.future.v1.FutureService", "DoSomething", Principal("operator"));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Failure!.FailureReasons.Single().Message, Does.Contain("cloudgov.future.v1.FutureService/DoSomething has no access rule"));
    }

    [Test]
    public async Task Handle_PlainEndpointWithoutGrpcMetadata_Denied()
    {
        var result = await AuthorizeAsync(null, null, Principal("operator"));

        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task Handle_AuditorOnApprovePlan_DeniedNamingRoleAndAllowedRoles()
    {
        var result = await AuthorizeAsync("cloudgov.operations.v1.OperationsService", "ApprovePlan", Principal("auditor"));

        Assert.That(result.Failure!.FailureReasons.Single().Message, Is.EqualTo("role 'auditor' may not call cloudgov.operations.v1.OperationsService/ApprovePlan; allowed: operator"));
    }

    [Test]
    public async Task Handle_AgentConnectWithoutToken_PassesToTheCertificateCheck()
    {
        var result = await AuthorizeAsync("cloudgov.agent.v1.AgentService", "Connect", new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void Rules_TenantOnlyOnTenantScopedRows_AuditorNeverOnAChange()
    {
        string[] changes = ["ProposeRebalance", "ApprovePlan", "CancelPlan", "PlaceWorkload", "SetWorkloadIntent"];

        Assert.That(RpcAccessRules.All.Values.Where(r => r.Allows(CallerRole.Tenant) && !r.TenantScoped), Is.Empty);
        Assert.That(changes.Select(c => RpcAccessRules.Find($"cloudgov.operations.v1.OperationsService/{c}")!).Where(r => r.Allows(CallerRole.Auditor)), Is.Empty);
    }

    private static ClaimsPrincipal Principal(string role) =>
        new(new ClaimsIdentity([new Claim(CloudGovClaims.Subject, "alice"), new Claim(CloudGovClaims.Role, role)], "test"));

    private static async Task<AuthorizationResult> AuthorizeAsync(string? service, string? method, ClaimsPrincipal user)
    {
        var http = new DefaultHttpContext { User = user };
        var metadata = service is null ? new EndpointMetadataCollection() : new EndpointMetadataCollection(new GrpcMethodMetadata(typeof(object), new Method<byte[], byte[]>(MethodType.Unary, service, method!, Bytes, Bytes)));
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "test"));
        var requirement = new RpcAccessRequirement();
        var context = new AuthorizationHandlerContext([requirement], user, http);
        await requirement.HandleAsync(context);
        return context.HasSucceeded ? AuthorizationResult.Success() : AuthorizationResult.Failed(context.FailureReasons.Any() ? AuthorizationFailure.Failed(context.FailureReasons) : AuthorizationFailure.ExplicitFail());
    }
}
