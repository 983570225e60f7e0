using CloudGov.ControlPlane.Security;
using CloudGov.Testing.Identity;

namespace CloudGov.Cli.Tests;

/// <summary>Refusals print the server's message and exit with 10 + the gRPC status code; usage errors exit 2 before anything is sent.</summary>
public sealed class ExitCodeTests
{
    [Test]
    public async Task ZonesGet_UnknownZone_NotFoundExit15WithServerMessage()
    {
        var cli = await CliHost.OperatorAsync();

        var result = await cli.RunAsync("zones", "get", "gx-no-such-zone");

        Assert.That(result.ExitCode, Is.EqualTo(15), result.ToString());
        Assert.That(result.Error, Does.Contain("gx-no-such-zone").And.Contain("NOT_FOUND").And.Contain("exit code 15"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public async Task Place_BadFields_InvalidArgumentExit13NamingEachField()
    {
        var cli = await CliHost.OperatorAsync();

        var result = await cli.RunAsync("place", "cli-bad-01", "--tenant", CliHost.Department, "--cpu", "1", "--memory", "1Gi", "--mlps", "3", "--plane", "egov-extranet", "--regions", "45010x", "--priority", "5000");

        Assert.That(result.ExitCode, Is.EqualTo(13), result.ToString());
        Assert.That(result.Error, Does.Contain("allowed_regions[0]").And.Contain("priority").And.Contain("INVALID_ARGUMENT"));
        var ledger = await CliHost.Operations.ListWorkloadsAsync(new Proto.Operations.V1.ListWorkloadsRequest { TenantId = CliHost.Department });
        Assert.That(ledger.Workloads.Select(w => w.WorkloadId), Does.Not.Contain("cli-bad-01"), "a refused placement records nothing");
    }

    [Test]
    public async Task ZonesList_TokenSignedByAnotherKey_UnauthenticatedExit26()
    {
        var foreign = TokenIssuer.FromOptions(new IdentityOptions { SigningKey = SigningKeys.Generate() })
            .Issue("mallory", CallerRole.Operator, null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        var cli = await CliHost.OperatorAsync();
        cli.Environment["CLOUDGOV_TOKEN"] = foreign;

        var result = await cli.RunAsync("zones", "list");

        Assert.That(result.ExitCode, Is.EqualTo(26), result.ToString());
        Assert.That(result.Error, Does.Contain("signature").And.Contain("UNAUTHENTICATED"));
        Assert.That(result.Error, Does.Not.Contain(foreign), "the token is never echoed");
    }

    [Test]
    public async Task PlansPropose_AuditorToken_PermissionDeniedExit17()
    {
        var cli = await CliHost.AuditorAsync();

        var result = await cli.RunAsync("plans", "propose", "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(17), result.ToString());
        Assert.That(result.Error, Does.Contain("auditor").And.Contain("PERMISSION_DENIED"));
    }

    [Test]
    public async Task ZonesList_NothingListening_UnavailableExit24NamingTheServer()
    {
        var cli = await CliHost.OperatorAsync();
        var nowhere = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await cli.RunAsync("zones", "list", "--server", nowhere, "--timeout", "5s");

        Assert.That(result.ExitCode, Is.EqualTo(24), result.ToString());
        Assert.That(result.Error, Does.Contain("UNAVAILABLE").And.Contain(nowhere));
    }

    [TestCase("zones", "lst")]
    [TestCase("zones", "list", "--output", "xml")]
    [TestCase("zones", "list", "--timeout", "forever")]
    [TestCase("place", "w1", "--cpu", "lots")]
    [TestCase("plans", "approve", "plan-0123456789abcdef")]
    [TestCase("place", "w1", "--allow", "tcp/443")]
    public async Task BadCommandLine_AnyCommand_UsageExit2AndNothingSent(params string[] args)
    {
        var cli = await CliHost.OperatorAsync();

        var result = await cli.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.StartWith("error: "));
    }
}
