using System.Diagnostics;
using System.Globalization;

namespace CloudGov.Burst.Benchmarks;

/// <summary>
/// Runs <see cref="SamplerChild"/> (this benchmark's own executable with <c>--sampler</c>) and collects a phase's
/// figures from it. The phase's clock starts when the command is written, so <c>burst</c> is written just before the
/// fleet starts reconnecting.
/// </summary>
internal sealed class SamplerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SamplerProcess(Process process) => _process = process;

    /// <summary>Starts the child against <paramref name="grpcAddress"/> and waits until it has warmed up.</summary>
    public static async Task<SamplerProcess> StartAsync(Uri grpcAddress, int zones)
    {
        string self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(SamplerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--sampler");
        start.ArgumentList.Add(grpcAddress.ToString());
        start.ArgumentList.Add(zones.ToString(CultureInfo.InvariantCulture));
        start.Environment[SamplerChild.TokenVariable] = CloudGov.Testing.Identity.TestTokens.Operator;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the sampler process did not start");
        var sampler = new SamplerProcess(process);
        string? line = await process.StandardOutput.ReadLineAsync();
        if (line != "warm")
        {
            throw new InvalidOperationException($"the sampler process said '{line}' instead of 'warm'");
        }

        return sampler;
    }

    /// <summary>Sends the command of a phase (<c>rest</c> or <c>burst &lt;sequence&gt;</c>).</summary>
    public async Task<Task<Phase>> StartPhaseAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return ReadPhaseAsync();
    }

    private async Task<Phase> ReadPhaseAsync()
    {
        var phase = new Phase();
        while (await _process.StandardOutput.ReadLineAsync() is { } line && line != "done")
        {
            var (kind, value) = line.Split(' ', 2) is [var k, var v] ? (k, v) : (line, string.Empty);
            switch (kind)
            {
                case "ms": phase.Milliseconds.Add(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "ready": phase.ReadySeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "bytes": phase.AnswerBytes = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "error": phase.Errors.Add(value); break;
                default: throw new InvalidOperationException($"the sampler process said '{line}'");
            }
        }

        return phase;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>One phase's figures.</summary>
    internal sealed class Phase
    {
        public List<double> Milliseconds { get; } = [];

        public double? ReadySeconds { get; set; }

        public int AnswerBytes { get; set; }

        public List<string> Errors { get; } = [];
    }
}
