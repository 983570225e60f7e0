using System.Diagnostics;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Google.Protobuf;

namespace CloudGov.Cli.Tests;

/// <summary>The real program: the built executable, and the .NET tool packed and installed from a local folder with no other package source.</summary>
public sealed class ExecutableTests
{
    [Test]
    public async Task Executable_ZonesListJsonAndUnknownZone_SameAnswersAndExitCodesAsInProcess()
    {
        // The CLI project's own build output (its deps.json and runtimeconfig, not the test's shared framework).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "cli", "CloudGov.Cli", "bin", configuration, "net10.0", "cloudgov.dll");
        Assert.That(File.Exists(dll), Is.True, dll);
        var config = Path.Combine(Path.GetTempPath(), "cloudgov-cli-tests", Guid.NewGuid().ToString("N"), "config.yaml");

        var list = await RunAsync("dotnet", [dll, "zones", "list", "-o", "json", "--server", CliHost.ControlPlane.GrpcAddress.ToString()], config);
        var missing = await RunAsync("dotnet", [dll, "zones", "get", "gx-none", "--server", CliHost.ControlPlane.GrpcAddress.ToString()], config);

        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        var table = await RunAsync("dotnet", [dll, "zones", "list", "--server", CliHost.ControlPlane.GrpcAddress.ToString()], config);
        Assert.That(table.Out.Split('\n').Where(l => l.Contains("gx-cli-", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(2).And.All.Contain("ready"),
            "piped, each zone stays on one table row: " + table);
        Assert.That(JsonParser.Default.Parse<ListZonesResponse>(list.Out).Zones.Select(z => z.DisplayName),
            Is.EquivalentTo(new[] { CliHost.CityZoneName, CliHost.ProvinceZoneName }), "UTF-8 Chinese through a real stdout");
        Assert.That(missing.ExitCode, Is.EqualTo(15), missing.ToString());
    }

    [Test]
    [Category("Pack")]
    public async Task Tool_PackedAndInstalledFromALocalFolderOnly_RunsAsCloudgov()
    {
        var root = RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "cloudgov-cli-tests", $"tool-{Guid.NewGuid():N}");
        var feed = Path.Combine(work, "feed");
        var tools = Path.Combine(work, "tools");
        Directory.CreateDirectory(feed);
        File.WriteAllText(Path.Combine(work, "nuget.config"),
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /><add key=\"local\" value=\"{feed}\" /></packageSources></configuration>\n");

        var pack = await RunAsync("dotnet", ["pack", Path.Combine(root, "cli", "CloudGov.Cli", "CloudGov.Cli.csproj"), "-c", "Release", "-o", feed, "-nologo"], null, TimeSpan.FromMinutes(8));
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.ToString());
        Assert.That(Directory.GetFiles(feed, "CloudGov.Cli.*.nupkg"), Has.Length.EqualTo(1));
        var install = await RunAsync("dotnet", ["tool", "install", "CloudGov.Cli", "--tool-path", tools, "--configfile", Path.Combine(work, "nuget.config"), "--add-source", feed], null, TimeSpan.FromMinutes(3));
        Assert.That(install.ExitCode, Is.EqualTo(0), install.ToString());

        var config = Path.Combine(work, "config.yaml");
        var zones = await RunAsync(Path.Combine(tools, "cloudgov"), ["zones", "list", "--server", CliHost.ControlPlane.GrpcAddress.ToString()], config);

        Assert.That(zones.ExitCode, Is.EqualTo(0), zones.ToString());
        Assert.That(zones.Out, Does.Contain(CliHost.CityZoneName), zones.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudGov.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CloudGov.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<CliResult> RunAsync(string program, string[] args, string? config, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (config is not null)
        {
            start.Environment["CLOUDGOV_CONFIG"] = config;
            start.Environment["CLOUDGOV_TOKEN"] = TestTokens.Operator;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromMinutes(1)}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
