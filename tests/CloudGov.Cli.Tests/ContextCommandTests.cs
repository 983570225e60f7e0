using CloudGov.Testing.Identity;

namespace CloudGov.Cli.Tests;

/// <summary><c>login</c> and <c>context</c>: several named contexts in the config file, each token read from its source at every call.</summary>
public sealed class ContextCommandTests
{
    [Test]
    public async Task Login_DemoStyleTokensEnvFile_SavedOwnerOnlyCurrentAndEveryCallReadsTheFileAgain()
    {
        var cli = new CliRun();
        var tokens = cli.WriteFile("tokens.env", $"# demo tokens\nCLOUDGOV_OPERATOR_TOKEN={TestTokens.Operator}\nCLOUDGOV_AUDITOR_TOKEN={TestTokens.Auditor()}\n");

        var login = await cli.RunAsync("login", "demo", "--server", CliHost.ControlPlane.GrpcAddress.ToString(), "--token-file", tokens, "--token-key", "CLOUDGOV_OPERATOR_TOKEN");
        var zones = await cli.RunAsync("zones", "list");
        File.WriteAllText(tokens, $"CLOUDGOV_OPERATOR_TOKEN={TestTokens.Auditor("renewed-auditor")}\n");
        var afterRenewal = await cli.RunAsync("plans", "propose", "--dry-run");

        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        Assert.That(login.Out, Does.Contain("context 'demo' saved").And.Contain("subject test-operator, role operator"));
        Assert.That(login.Out, Does.Not.Contain(TestTokens.Operator), "the token is never printed");
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(cli.ConfigPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the config file is owner-only");
        }

        var config = File.ReadAllText(cli.ConfigPath);
        Assert.That(config, Does.Contain("current-context: demo").And.Contain("token-key: CLOUDGOV_OPERATOR_TOKEN"));
        Assert.That(config, Does.Not.Contain(TestTokens.Operator), "a token file's token stays in its file");
        Assert.That(zones.ExitCode, Is.EqualTo(0), zones.ToString());
        Assert.That(afterRenewal.ExitCode, Is.EqualTo(17), "the renewed file (now an auditor's token) is read at the next call: " + afterRenewal);
    }

    [Test]
    public async Task Contexts_OperatorAndAuditor_UseAndContextOptionChooseTheToken()
    {
        var cli = new CliRun();
        cli.Environment["OPS_TOKEN"] = TestTokens.Operator;
        var server = CliHost.ControlPlane.GrpcAddress.ToString();
        var auditorFile = cli.WriteFile("auditor.jwt", TestTokens.Auditor("ctx-auditor") + "\n");

        var ops = await cli.RunAsync("login", "ops", "--server", server, "--token-env", "OPS_TOKEN");
        var audit = await cli.RunAsync("login", "audit", "--server", server, "--token-file", auditorFile);
        var list = await cli.RunAsync("context", "list");
        var asAuditor = await cli.RunAsync("audit", "verify");
        var overridden = await cli.RunAsync("audit", "verify", "--context", "ops");
        var use = await cli.RunAsync("context", "use", "ops");
        var asOperator = await cli.RunAsync("plans", "list");
        var unknown = await cli.RunAsync("zones", "list", "--context", "nope");
        cli.Environment.Remove("OPS_TOKEN");
        var unset = await cli.RunAsync("zones", "list");

        Assert.That((ops.ExitCode, audit.ExitCode), Is.EqualTo((0, 0)), ops + "\n" + audit);
        var currentLine = list.Out.Split('\n').Single(l => l.Contains('*', StringComparison.Ordinal));
        Assert.That(currentLine, Does.Contain("audit"), "the last login is current:\n" + list.Out);
        Assert.That(list.Out, Does.Contain("$OPS_TOKEN").And.Contain(auditorFile));
        Assert.That(asAuditor.ExitCode, Is.EqualTo(0), asAuditor.ToString());
        Assert.That(overridden.ExitCode, Is.EqualTo(17), "--context ops: an operator may not read the audit trail: " + overridden);
        Assert.That(use.ExitCode, Is.EqualTo(0));
        Assert.That(asOperator.ExitCode, Is.EqualTo(0), asOperator.ToString());
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Error, Does.Contain("no context 'nope'").And.Contain("ops, audit"));
        Assert.That(unset.ExitCode, Is.EqualTo(2));
        Assert.That(unset.Error, Does.Contain("$OPS_TOKEN, which is not set"));
    }

    [Test]
    public async Task Login_TokenFromStdinAsTokenIssuePrintsIt_StoredInTheConfigAndUsed()
    {
        var cli = new CliRun { Input = TestTokens.Issue(CloudGov.ControlPlane.Security.CallerRole.Operator, "zhang") + "\n" };

        var login = await cli.RunAsync("login", "prod", "--server", CliHost.ControlPlane.GrpcAddress.ToString(), "--token-stdin");
        var proposed = await cli.RunAsync("plans", "list", "-o", "json");

        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        Assert.That(login.Out, Does.Contain("subject zhang"));
        Assert.That(File.ReadAllText(cli.ConfigPath), Does.Contain("token: ey"));
        Assert.That(proposed.ExitCode, Is.EqualTo(0), proposed.ToString());
    }

    [Test]
    public async Task Login_RefusedOrUnreachable_ExitCodeOfTheRefusalAndNothingSaved()
    {
        var cli = new CliRun();
        var garbage = cli.WriteFile("bad.jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        var refused = await cli.RunAsync("login", "bad", "--server", CliHost.ControlPlane.GrpcAddress.ToString(), "--token-file", garbage);
        var unreachable = await cli.RunAsync("login", "gone", "--server", $"http://127.0.0.1:{FreePort.Next()}", "--token-file", garbage, "--timeout", "5s");
        var twoSources = await cli.RunAsync("login", "x", "--server", CliHost.ControlPlane.GrpcAddress.ToString(), "--token-file", garbage, "--token-env", "T");
        var badName = await cli.RunAsync("login", "a b", "--server", CliHost.ControlPlane.GrpcAddress.ToString(), "--token-file", garbage);

        Assert.That(refused.ExitCode, Is.EqualTo(26), refused.ToString());
        Assert.That(unreachable.ExitCode, Is.EqualTo(24), unreachable.ToString());
        Assert.That((twoSources.ExitCode, badName.ExitCode), Is.EqualTo((2, 2)));
        Assert.That(File.Exists(cli.ConfigPath), Is.False, "a context whose token is refused is not saved");
    }

    [Test]
    public async Task ContextDelete_CurrentContext_GoneAndCommandsSayToLogIn()
    {
        var cli = await CliRun.LoggedInAsync(CliHost.ControlPlane.GrpcAddress, TestTokens.Operator, "temp");

        var delete = await cli.RunAsync("context", "delete", "temp");
        var after = await cli.RunAsync("zones", "list");
        var overrideToken = await RunWithOverrideAsync(cli);

        Assert.That(delete.ExitCode, Is.EqualTo(0), delete.ToString());
        Assert.That(after.ExitCode, Is.EqualTo(2));
        Assert.That(after.Error, Does.Contain("cloudgov login"));
        Assert.That(overrideToken.ExitCode, Is.EqualTo(0), "--server with $CLOUDGOV_TOKEN needs no context: " + overrideToken);
    }

    private static Task<CliResult> RunWithOverrideAsync(CliRun cli)
    {
        cli.Environment["CLOUDGOV_TOKEN"] = TestTokens.Operator;
        return cli.RunAsync("zones", "list", "--server", CliHost.ControlPlane.GrpcAddress.ToString());
    }
}
