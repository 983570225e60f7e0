using System.Diagnostics;
using Amazon.EC2;
using Amazon.Runtime;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>
/// One <c>moto_server</c> (moto 5) on a loopback port for the test run, reset before each test. Found on PATH, at
/// MOTO_SERVER, or at pyenv's shim; a missing moto fails the tests with what to install.
/// </summary>
[SetUpFixture]
public sealed class MotoServer
{
    private static Process? _process;

    /// <summary>The server's endpoint (http://127.0.0.1:port).</summary>
    public static Uri Endpoint { get; private set; } = null!;

    /// <summary>The static keys moto accepts (any).</summary>
    public static BasicAWSCredentials Credentials { get; } = new("AKIATESTCLOUDGOV0001", "moto-accepts-any-secret");

    /// <summary>A plain EC2 client on moto, for arranging and checking what the provider did.</summary>
    public static IAmazonEC2 Client() => new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        string exe = Locate() ?? throw new InvalidOperationException("moto_server not found: install moto 5 with its server (pip install 'moto[server]==5.2.1'), or set MOTO_SERVER to its path.");
        int port = FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(exe, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Endpoint };
        await Eventually.HoldsAsync(
            async () => !_process.HasExited && (await http.GetAsync("/moto-api/")).IsSuccessStatusCode,
            $"moto_server to answer on {Endpoint}",
            TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }

    /// <summary>Empties moto (every resource of every region).</summary>
    public static async Task ResetAsync()
    {
        using var http = new HttpClient { BaseAddress = Endpoint };
        (await http.PostAsync("/moto-api/reset", null)).EnsureSuccessStatusCode();
    }

    private static string? Locate()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("MOTO_SERVER") };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "moto_server")));
        candidates.Add("/root/.pyenv/shims/moto_server");
        if (Directory.Exists("/root/.pyenv/versions"))
        {
            candidates.AddRange(Directory.GetDirectories("/root/.pyenv/versions").Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", "moto_server")));
        }
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}
