using System.Diagnostics;
using System.Globalization;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>A <c>moto_server</c> (moto 5) on a loopback port for the end-to-end plan test (found on PATH, at MOTO_SERVER or under pyenv).</summary>
internal sealed class MotoProcess : IDisposable
{
    private readonly Process _process;

    private MotoProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<MotoProcess> StartAsync()
    {
        string exe = Locate() ?? throw new InvalidOperationException("moto_server not found: install moto 5 with its server (pip install 'moto[server]==5.2.1'), or set MOTO_SERVER to its path.");
        int port = FreePort.Next();
        var endpoint = new Uri($"http://127.0.0.1:{port}/");
        var process = Process.Start(new ProcessStartInfo(exe, ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, endpoint);
        using var http = new HttpClient { BaseAddress = endpoint };
        await Eventually.HoldsAsync(
            async () => !process.HasExited && (await http.GetAsync("/moto-api/")).IsSuccessStatusCode,
            $"moto_server to answer on {endpoint}",
            TimeSpan.FromSeconds(60));
        return moto;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static string? Locate()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("MOTO_SERVER") };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "moto_server")));
        candidates.Add("/root/.pyenv/shims/moto_server");
        if (Directory.Exists("/root/.pyenv/versions"))
        {
            candidates.AddRange(Directory.GetDirectories("/root/.pyenv/versions").Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", "moto_server")));
        }

        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}
