using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using CloudGov.Testing.Identity;
using Grpc.Net.Client;
using CloudGov.Proto.Agent.V1;
using CloudGov.Testing.Tls;

namespace CloudGov.Testing;

/// <summary>
/// The built control-plane executable (<c>cloudgov-controlplane.dll</c>) run as its own OS process through
/// <c>dotnet</c>, configured with <c>--Section:Key=value</c> arguments on free loopback ports. Ready when its gRPC
/// health service answers SERVING; stdout and stderr go to a log file that failure messages quote. Stops gracefully
/// (SIGTERM) or dies like a crash (SIGKILL).
/// <para>The executable is found beside the test build: <c>controlplane/CloudGov.ControlPlane/bin/&lt;Configuration&gt;/net10.0</c>
/// of the repository holding the test assembly (the test project builds it through its project references), or at
/// <c>CLOUDGOV_CONTROLPLANE_DLL</c>.</para>
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>Environment variable naming the control-plane dll to run instead of the one found beside the build.</summary>
    public const string ExecutableVariable = "CLOUDGOV_CONTROLPLANE_DLL";

    private const int SigTerm = 15;
    private static readonly Lazy<string> Executable = new(FindExecutable);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _logGate = new();
    private readonly ConcurrentDictionary<string, GrpcChannel> _agentChannels = new(StringComparer.Ordinal);

    private HostProcess(string name, Process process, StreamWriter log, string logPath, IReadOnlyDictionary<string, string?> settings)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
        Settings = settings;
        GrpcPort = int.Parse(settings["ControlPlane:GrpcPort"]!, CultureInfo.InvariantCulture);
        HttpPort = int.Parse(settings["ControlPlane:HttpPort"]!, CultureInfo.InvariantCulture);
        GrpcAddress = new Uri($"http://127.0.0.1:{GrpcPort}");
        Channel = TestTokens.Channel(GrpcAddress);
        AgentAddress = new Uri($"https://127.0.0.1:{(settings.TryGetValue("ControlPlane:AgentPort", out var agentPort) ? agentPort : "5101")}");
        Certificates = settings.TryGetValue("ControlPlane:AgentCertificateDirectory", out var directory) && directory is not null
            && !string.Equals(Path.GetFullPath(directory), TestCertificates.Shared.Directory, StringComparison.Ordinal)
            ? TestCertificates.Open(directory)
            : TestCertificates.Shared;
    }

    /// <summary>A name for messages (e.g. <c>host-1</c>).</summary>
    public string Name { get; }

    /// <summary>Every setting the process was started with; pass them to <see cref="StartAsync"/> again to restart it on the same ports and files.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The gRPC port (agents, operations API, health).</summary>
    public int GrpcPort { get; }

    /// <summary>The HTTP port (/metrics, /healthz).</summary>
    public int HttpPort { get; }

    /// <summary>The gRPC endpoint.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>A channel to the gRPC endpoint that sends <see cref="TestTokens.Operator"/> (a call's own authorization header wins).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The agent endpoint (mutual TLS; AgentService only).</summary>
    public Uri AgentAddress { get; }

    /// <summary>The CA this host trusts on its agent endpoint.</summary>
    public TestCertificates Certificates { get; }

    /// <summary>An AgentService client over mutual TLS presenting the certificate of <paramref name="zoneId"/> (one channel per zone, kept until disposal).</summary>
    public AgentService.AgentServiceClient AgentClient(string zoneId) => new(AgentChannel(zoneId));

    /// <summary>The mutual-TLS channel to the agent endpoint presenting the certificate of <paramref name="zoneId"/> (kept until disposal).</summary>
    public GrpcChannel AgentChannel(string zoneId) =>
        _agentChannels.GetOrAdd(zoneId, z => Certificates.AgentChannel(AgentAddress, z));

    /// <summary>The file holding the process's stdout and stderr.</summary>
    public string LogPath { get; }

    /// <summary>The OS process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The control-plane dll this helper runs.</summary>
    public static string ExecutablePath => Executable.Value;

    /// <summary>
    /// Settings for a host on fresh free ports (gRPC, HTTP, silo, gateway); <paramref name="overrides"/> win. Pass the
    /// result to <see cref="StartAsync"/>.
    /// </summary>
    public static Dictionary<string, string?> FreshSettings(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ControlPlane:GrpcPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["ControlPlane:HttpPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["ControlPlane:AgentPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["ControlPlane:AgentCertificateDirectory"] = TestCertificates.Shared.Directory,
            ["Storage:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
            // As in ControlPlaneProcess: hand-driven test agents report no posture; baseline tests turn it on.
            ["Baselines:Enabled"] = "false",
        };
        foreach (var (key, value) in TestTokens.HostSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Starts the executable with <paramref name="settings"/> (use <see cref="FreshSettings"/>) and waits until its
    /// health service answers SERVING; fails with the process log if it exits or does not get there in time.
    /// </summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string name = "host", TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        var dll = ExecutablePath;
        var directory = Path.Combine(Path.GetTempPath(), "cloudgov-hosts");
        Directory.CreateDirectory(directory);
        var logPath = Path.Combine(directory, $"{name}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The content root (appsettings.json) is the executable's directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("CLOUDGOV_TEST_PG");

        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        await log.WriteLineAsync($"# {start.FileName} {string.Join(' ', start.ArgumentList)}");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        HostProcess? created = null;
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start {start.FileName} {dll}.");
            }

            created = new HostProcess(name, process, log, logPath, new Dictionary<string, string?>(settings));
            process.OutputDataReceived += (_, e) => created.Append(e.Data);
            process.ErrorDataReceived += (_, e) => created.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await created.WaitUntilServingAsync(startTimeout ?? TimeSpan.FromSeconds(90), cancellationToken);
            return created;
        }
        catch
        {
            if (created is not null)
            {
                await created.DisposeAsync();
            }
            else
            {
                process.Dispose();
                await log.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Asks the standard gRPC health service for the overall status, within <paramref name="timeout"/>.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var client = new Health.HealthClient(Channel);
        var response = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
        return response.Status;
    }

    /// <summary>Waits until the health service answers SERVING; fails with the log if the process exits or time runs out.</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        string last = "no answer yet";
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} (pid {_process.Id}) exited with {_process.ExitCode} before serving.\n{ReadLog()}");
            }

            try
            {
                var status = await CheckHealthAsync(TimeSpan.FromSeconds(3), cancellationToken);
                if (status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }

                last = status.ToString();
            }
            catch (RpcException ex)
            {
                last = $"{ex.StatusCode}: {ex.Status.Detail}";
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{Name} (pid {_process.Id}) was not SERVING within {timeout.TotalSeconds:F0} s (last: {last}).\n{ReadLog()}");
    }

    /// <summary>Sends SIGTERM and waits for a graceful exit; kills the process if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || Kill(_process.Id, SigTerm) != 0)
        {
            KillNow();
            return;
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Append($"# {Name} did not stop within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:F0} s after SIGTERM; killing it");
            KillNow();
        }
    }

    /// <summary>Kills the process at once (SIGKILL on Linux, like a crash) and waits until it is gone.</summary>
    public void KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>The process's output so far.</summary>
    public string ReadLog()
    {
        lock (_logGate)
        {
            _log.Flush();
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return text.Length <= 20_000 ? text : "…" + text[^20_000..];
    }

    /// <summary>Kills the process if it still runs, and releases the channel and the log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            KillNow();
        }

        Channel.Dispose();
        foreach (var channel in _agentChannels.Values)
        {
            channel.Dispose();
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (pid {_process.Id}, gRPC {GrpcPort}, log {LogPath})";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after dispose is dropped.
            }
        }
    }

    private static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{ExecutableVariable} names {configured}, which does not exist.");
        }

        // <repo>/tests/<Project>/bin/<Configuration>/<tfm>/
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDirectory.Name;
        var configuration = baseDirectory.Parent?.Name ?? "Debug";
        for (var directory = baseDirectory; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudGov.sln")))
            {
                var dll = Path.Combine(directory.FullName, "controlplane", "CloudGov.ControlPlane", "bin", configuration, tfm, "cloudgov-controlplane.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"The control plane is not built at {dll}; build the test project (it references the host) or set {ExecutableVariable}.");
            }
        }

        throw new FileNotFoundException($"No CloudGov.sln above {baseDirectory.FullName}; set {ExecutableVariable} to the control-plane dll.");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project; kill(2) needs no marshalling.
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
