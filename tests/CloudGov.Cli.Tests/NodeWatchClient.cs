using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace CloudGov.Cli.Tests;

/// <summary>
/// A client that is not ours following a plan: Node's @grpc/grpc-js (tests/clients/node/operations-client.mjs, the
/// repository's .proto files loaded at run time) reading the WatchPlan server stream, one JSON line per message as it
/// arrives, then the status line.
/// </summary>
internal sealed class NodeWatchClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reading;

    private NodeWatchClient(Process process)
    {
        _process = process;
        _reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                _lines.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
            }

            _lines.Writer.TryComplete();
        });
    }

    /// <summary>Starts <c>node operations-client.mjs WatchPlan</c> for <paramref name="planId"/> with <paramref name="token"/>.</summary>
    public static NodeWatchClient Start(Uri address, string planId, string token)
    {
        var directory = ClientDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@grpc", "grpc-js")))
        {
            Assert.Fail($"the Node client's packages are not installed: run `npm ci` in {directory} (.ci/run does this before the tests)");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("operations-client.mjs");
        start.ArgumentList.Add(address.ToString());
        start.ArgumentList.Add("WatchPlan");
        start.ArgumentList.Add(JsonSerializer.Serialize(new { plan_id = planId }));
        start.Environment["CLOUDGOV_TOKEN"] = token;
        var process = Process.Start(start) ?? throw new AssertionException("could not start `node` (Node.js 20 must be on PATH)");
        return new NodeWatchClient(process);
    }

    /// <summary>The next line the client printed: <c>{"event": …}</c> or the final <c>{"ok": …}</c>.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"the Node client printed nothing within {timeout}: {await StandardErrorAsync()}");
        }
        catch (ChannelClosedException)
        {
            throw new AssertionException($"the Node client ended without its status line: {await StandardErrorAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reading;
        _process.Dispose();
    }

    private async Task<string> StandardErrorAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        return await _process.StandardError.ReadToEndAsync();
    }

    private static string ClientDirectory()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudGov.sln")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new AssertionException($"no CloudGov.sln above {TestContext.CurrentContext.TestDirectory}")
            : Path.Combine(dir.FullName, "tests", "clients", "node");
    }
}
