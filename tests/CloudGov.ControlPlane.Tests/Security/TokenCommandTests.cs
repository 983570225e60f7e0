using CloudGov.ControlPlane.Security;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CloudGov.ControlPlane.Tests.Security;

/// <summary><c>token keygen</c> and <c>token issue</c>: a key file, a token that says who it names, refusals that say why.</summary>
public sealed class TokenCommandTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("cloudgov-token-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Issue_TenantWithKeyFile_PrintsOnlyATokenNamingSubjectRoleTenantAndExpiry()
    {
        var key = Path.Combine(_directory, "signing.key");
        Assert.That(await RunAsync("token", "keygen", "--out", key), Is.EqualTo((0, $"wrote a new 512-bit HS256 signing key to {key}; set Identity:SigningKeyFile={key}\n")));

        var (code, output) = await RunAsync("token", "issue", "--subject", "wang", "--role", "tenant", "--tenant", "nn-dsj", "--expires", "8h", "--key-file", key);

        Assert.That(code, Is.EqualTo(0));
        var token = new JsonWebToken(output.Trim());
        Assert.That((token.Subject, token.GetClaim("cloudgov_role").Value, token.GetClaim("cloudgov_tenant").Value, token.Alg), Is.EqualTo(("wang", "tenant", "nn-dsj", "HS256")));
        Assert.That(token.ValidTo - token.ValidFrom, Is.EqualTo(TimeSpan.FromHours(8)));
    }

    [Test]
    public async Task Keygen_ExistingFile_RefusedAndKeyKept()
    {
        var key = Path.Combine(_directory, "signing.key");
        await RunAsync("token", "keygen", "--out", key);
        var before = await File.ReadAllTextAsync(key);

        var (code, _) = await RunAsync("token", "keygen", "--out", key);

        Assert.That(code, Is.EqualTo(TokenCommand.Failure));
        Assert.That(await File.ReadAllTextAsync(key), Is.EqualTo(before));
    }

    [Test]
    public async Task Issue_ShortKey_RefusedSayingTheKeyIsTooShort()
    {
        var key = Path.Combine(_directory, "weak.key");
        await File.WriteAllTextAsync(key, Convert.ToBase64String(new byte[16]));
        var error = new StringWriter();

        int code = await TokenCommand.RunAsync(["token", "issue", "--subject", "a", "--role", "operator", "--key-file", key], new StringWriter(), error, TimeProvider.System);

        Assert.That(code, Is.EqualTo(TokenCommand.Failure));
        Assert.That(error.ToString(), Does.Contain("decodes to 16 bytes; HS256 needs at least 32"));
    }

    [TestCase("operator", "nn-dsj", "only tenant tokens name a tenant")]
    [TestCase("tenant", null, "a tenant token needs a tenant id")]
    [TestCase("root", null, "--role must be operator, auditor or tenant")]
    public async Task Issue_BadCombination_UsageSayingWhatToFix(string role, string? tenant, string expected)
    {
        var key = Path.Combine(_directory, "signing.key");
        SigningKeys.WriteNew(key);
        List<string> args = ["token", "issue", "--subject", "a", "--role", role, "--key-file", key];
        if (tenant is not null)
        {
            args.AddRange(["--tenant", tenant]);
        }

        var error = new StringWriter();
        int code = await TokenCommand.RunAsync(args, new StringWriter(), error, TimeProvider.System);

        Assert.That(code, Is.EqualTo(TokenCommand.Usage));
        Assert.That(error.ToString(), Does.Contain(expected));
    }

    [TestCase("90s", 90)]
    [TestCase("30m", 1800)]
    [TestCase("8h", 28800)]
    [TestCase("7d", 604800)]
    [TestCase("01:00:00", 3600)]
    public void TryParseLifetime_Forms_Seconds(string text, int seconds)
    {
        Assert.That(TokenCommand.TryParseLifetime(text, out var lifetime), Is.True);
        Assert.That(lifetime, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        int code = await TokenCommand.RunAsync(args, output, new StringWriter(), TimeProvider.System);
        return (code, output.ToString());
    }
}
