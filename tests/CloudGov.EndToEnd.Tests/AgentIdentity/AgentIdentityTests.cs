using System.Security.Cryptography.X509Certificates;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.AgentIdentity;
using CloudGov.Domain;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Tls;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Status = Grpc.Core.Status;
using StatusCode = Grpc.Core.StatusCode;

namespace CloudGov.EndToEnd.Tests.AgentIdentity;

/// <summary>
/// Zone identity over mutual TLS, from outside: a certificate speaks for one zone only; no certificate, another CA's
/// certificate or plaintext never reach a Welcome; a revoked certificate's open stream ends and it cannot come back;
/// a renewed certificate is picked up by a running agent on its next connection.
/// </summary>
[NonParallelizable]
public sealed class AgentIdentityTests
{
    private static TestCertificates _certificates = null!;
    private static ControlPlaneProcess _host = null!;
    private static OperationsService.OperationsServiceClient _operations = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _certificates = TestCertificates.Create("identity");
        _host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?> { ["Zones:CommandPollInterval"] = "00:00:00.050" }, certificates: _certificates);
        _operations = new OperationsService.OperationsServiceClient(_host.Channel);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Hello_CertificateOfAnotherZone_PermissionDeniedAndTheZoneUnchanged()
    {
        const string victim = "gx-id-victim", intruder = "gx-id-intruder";
        await using var real = await RawAgentStream.ConnectAsync(_host.AgentClient(victim), victim);
        await real.ReportAsync(1, 1_000, "w-real");
        await real.WaitForAckAsync(1);

        // The attack of issue 13: claim the victim's zone with a rewritten descriptor and a report of sequence 2^64-1.
        var forged = AgentMessages.Hello(victim, displayName: "伪造云区", regionCode: "110000");
        var status = await RawGrpc.StreamAsync(_host.AgentChannel(intruder).CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"),
            [new AgentMessage { Hello = forged }.ToByteArray(), new AgentMessage { Report = AgentMessages.Report(ulong.MaxValue, 9_000, workloads: ["w-forged"]) }.ToByteArray()],
            TimeSpan.FromSeconds(30));

        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), status.Detail);
        Assert.That(status.Detail, Does.Contain($"certificate is for zone {intruder}").And.Not.Contain(victim));
        var zone = await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = victim });
        Assert.That(zone.Zone.RegionCode, Is.EqualTo("450700"), "the descriptor is the real agent's");
        Assert.That(zone.Zone.DisplayName, Is.EqualTo("钦州市政务云"));
        Assert.That(zone.Zone.LastSequence, Is.EqualTo(1UL), "the forged report was never stored");
        Assert.That(zone.Zone.AgentConnected, Is.True, "the real agent is still connected");
        Assert.That(zone.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "w-real" }));
        Assert.That(await ZoneExistsAsync(intruder), Is.False, "a refused Hello registers nothing");
    }

    [Test]
    public async Task Hello_CertificateOfAnotherZone_StatusNamesTheField()
    {
        using var call = _host.AgentClient("gx-id-field-a").Connect(deadline: DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello("gx-id-field-b") });

        var ex = (await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None)))!;

        Assert.That(ex.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        var violations = ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.That(violations.Select(v => v.Field), Is.EqualTo(new[] { "hello.zone_id" }));
        Assert.That(await ZoneExistsAsync("gx-id-field-b"), Is.False);
    }

    [Test]
    public async Task CommandResult_ForAnotherZonesCommand_NotRecordedAndTheCommandStaysPending()
    {
        const string owner = "gx-id-cmd-owner", other = "gx-id-cmd-other";
        var zone = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>(owner);
        await using (var registered = await RawAgentStream.ConnectAsync(_host.AgentClient(owner), owner))
        {
            await registered.ReportAsync(1);
            await registered.WaitForAckAsync(1);
        }

        await zone.EnqueueCommandAsync(new ZoneCommand(
            "cmd-id-owner-1", ZoneCommandKind.Place, new WorkloadSpec("w-id-cmd", "gx-rst", "电子证照", Requests: new ResourceVector(4000, 8192, 100), MlpsLevel: MlpsLevel.Level2),
            DateTimeOffset.UtcNow.AddMinutes(5)));

        // With the other zone's certificate: as the owner (refused at Hello), and on its own stream (the id is not its command).
        var asOwner = await RawGrpc.StreamAsync(_host.AgentChannel(other).CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"),
            [new AgentMessage { Hello = AgentMessages.Hello(owner) }.ToByteArray(), Answer("cmd-id-owner-1")], TimeSpan.FromSeconds(30));
        var onItsOwn = await RawGrpc.StreamAsync(_host.AgentChannel(other).CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"),
            [new AgentMessage { Hello = AgentMessages.Hello(other) }.ToByteArray(), Answer("cmd-id-owner-1")], TimeSpan.FromSeconds(30));

        Assert.That(asOwner.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), asOwner.Detail);
        Assert.That(onItsOwn.StatusCode, Is.EqualTo(StatusCode.OK), onItsOwn.Detail);
        Assert.That((await zone.GetPendingCommandsAsync()).Select(c => c.CommandId), Is.EqualTo(new[] { "cmd-id-owner-1" }), "the owner's command is still waiting for the owner");
        Assert.That((await zone.GetCommandOutcomeAsync("cmd-id-owner-1"))?.Finished, Is.Not.True, "no forged outcome recorded");
    }

    [Test]
    public async Task Connect_NoClientCertificate_RefusedAtTheHandshake()
    {
        using var channel = TestCertificates.Channel(_host.AgentAddress, clientCertificate: null, _certificates.Ca);

        var status = await HelloAsync(channel, "gx-id-nocert");

        Assert.That(status.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal), status.Detail); // the TLS handshake failed (TLS 1.3 reports it on the first read or write)
        Assert.That(await ZoneExistsAsync("gx-id-nocert"), Is.False);
    }

    [Test]
    public async Task Connect_CertificateFromAnotherCa_RefusedAtTheHandshake()
    {
        var rogue = TestCertificates.Create("rogue");
        using var channel = TestCertificates.Channel(_host.AgentAddress, rogue.AgentCertificate("gx-id-rogue"), _certificates.Ca);

        var status = await HelloAsync(channel, "gx-id-rogue");

        Assert.That(status.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal), status.Detail); // the TLS handshake failed (TLS 1.3 reports it on the first read or write)
        Assert.That(await ZoneExistsAsync("gx-id-rogue"), Is.False);
    }

    [Test]
    public async Task Connect_PlaintextOnTheGrpcPort_UnauthenticatedAndNothingRegistered()
    {
        var status = await HelloAsync(_host.Channel, "gx-id-plaintext");

        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.Unauthenticated), status.Detail);
        Assert.That(status.Detail, Does.Contain("ControlPlane:AgentPort"));
        Assert.That(await ZoneExistsAsync("gx-id-plaintext"), Is.False);
    }

    [Test]
    public async Task AgentEndpoint_OtherServices_Unimplemented()
    {
        var status = await RawGrpc.CallAsync(_host.AgentChannel("gx-id-ops").CreateCallInvoker(), RawGrpc.Unary("cloudgov.operations.v1.OperationsService", "ListZones"), [], TimeSpan.FromSeconds(15));

        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.Unimplemented), status.Detail);
    }

    [Test]
    public async Task RevokedCertificate_OpenStreamEndsAndTheCertificateIsRefused()
    {
        const string zoneId = "gx-id-revoked";
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(_host.AgentAddress, zoneId, workloads: 3, certificates: _certificates));
        var sessions = _host.Services.GetRequiredService<AgentSessions>();
        using var certificate = X509Certificate2.CreateFromPemFile(_certificates.Authority.Files.AgentCertificate(zoneId), _certificates.Authority.Files.AgentKey(zoneId));
        await Eventually.HoldsAsync(() => sessions.SerialsOf(zoneId).Contains(certificate.SerialNumber), "the agent connected with its certificate");

        _certificates.Authority.Revoke(certificate.SerialNumber, "test");

        await Eventually.HoldsAsync(async () => !(await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId })).Zone.AgentConnected, "the revoked certificate's stream ended and the zone shows its agent disconnected");
        using var channel = TestCertificates.Channel(_host.AgentAddress, certificate, _certificates.Ca);
        var again = await HelloAsync(channel, zoneId);
        Assert.That(again.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal), again.Detail);
        Assert.That(sessions.SerialsOf(zoneId), Is.Empty, "the agent's reconnects are refused");
    }

    [Test]
    public async Task RenewedCertificate_WhileConnected_TheNextConnectionUsesIt()
    {
        const string zoneId = "gx-id-renewed";
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(_host.AgentAddress, zoneId, workloads: 3, certificates: _certificates));
        var sessions = _host.Services.GetRequiredService<AgentSessions>();
        string first = X509CertificateLoader.LoadCertificateFromFile(_certificates.Authority.Files.AgentCertificate(zoneId)).SerialNumber;
        await Eventually.HoldsAsync(() => sessions.SerialsOf(zoneId).SequenceEqual([first]), "the agent connected with its first certificate");

        // Renew the files under the running agent, then force a reconnect by revoking the old certificate.
        using var renewed = _certificates.Authority.IssueAgent(zoneId);
        Assert.That(sessions.SerialsOf(zoneId), Is.EqualTo(new[] { first }), "renewing the files leaves the open stream alone");
        _certificates.Authority.Revoke(first, "renewed");

        await Eventually.HoldsAsync(() => sessions.SerialsOf(zoneId).SequenceEqual([renewed.SerialNumber]), "the agent reconnected with the renewed certificate, without a restart");
        await Eventually.HoldsAsync(async () => (await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = zoneId })).Zone.AgentConnected, "the zone shows its agent connected again");
    }

    private static byte[] Answer(string commandId) =>
        new AgentMessage { CommandResult = new CommandResult { CommandId = commandId, Succeeded = true, Message = "forged" } }.ToByteArray();

    private static async Task<Status> HelloAsync(Grpc.Net.Client.GrpcChannel channel, string zoneId) =>
        await RawGrpc.StreamAsync(channel.CreateCallInvoker(), RawGrpc.Duplex("cloudgov.agent.v1.AgentService", "Connect"),
            [new AgentMessage { Hello = AgentMessages.Hello(zoneId) }.ToByteArray(), new AgentMessage { Report = AgentMessages.Report(1) }.ToByteArray()],
            TimeSpan.FromSeconds(30));

    private static async Task<bool> ZoneExistsAsync(string zoneId) =>
        (await _operations.ListZonesAsync(new ListZonesRequest())).Zones.Any(z => z.ZoneId == zoneId);
}
