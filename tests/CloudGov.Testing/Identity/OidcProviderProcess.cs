using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CloudGov.Testing.Identity;

/// <summary>
/// A real OpenID Provider (npm <c>oidc-provider</c>, <c>tests/clients/oidc/provider.mjs</c>) on a free loopback port, run
/// on the machine's Node. Issues RFC 9068 JWT access tokens by client_credentials with a resource indicator; its clients
/// and claims are listed in provider.mjs. Needs <c>npm ci</c> in tests/clients/oidc (.ci/run does it).
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    /// <summary>The resource indicator (and token audience) of the control plane.</summary>
    public const string ControlPlaneResource = "urn:cloudgov";

    /// <summary>A resource indicator of another service, for wrong-audience tokens.</summary>
    public const string OtherResource = "urn:other-api";

    private readonly Process _process;
    private readonly HttpClient _http = new();

    private OidcProviderProcess(Process process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
    }

    /// <summary>The issuer URL (http on loopback).</summary>
    public Uri Issuer { get; }

    /// <summary>The directory of provider.mjs, found above the test assembly (the folder holding CloudGov.sln).</summary>
    public static string ScriptDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudGov.sln")))
            {
                dir = dir.Parent;
            }

            return dir is null
                ? throw new InvalidOperationException($"no CloudGov.sln above {AppContext.BaseDirectory}")
                : Path.Combine(dir.FullName, "tests", "clients", "oidc");
        }
    }

    /// <summary>The settings that make a control plane trust this provider (role claim <c>roles</c>, tenant claim <c>department</c>, <c>bigdata-ops</c> → operator).</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["Identity:Oidc:Authority"] = Issuer.ToString().TrimEnd('/'),
        ["Identity:Oidc:Audience"] = ControlPlaneResource,
        ["Identity:Oidc:AllowHttpOnLoopback"] = "true",
        ["Identity:Oidc:RoleClaim"] = "roles",
        ["Identity:Oidc:TenantClaim"] = "department",
        ["Identity:Oidc:RoleMap:bigdata-ops"] = "operator",
    };

    /// <summary>Starts the provider and waits for its issuer line; fails with its output when Node or the packages are missing.</summary>
    public static async Task<OidcProviderProcess> StartAsync(TimeSpan? timeout = null)
    {
        var directory = ScriptDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed: run `npm ci` in {directory} (.ci/run does this before the tests)");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("provider.mjs");
        start.ArgumentList.Add("0");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start `node` (Node.js must be on PATH)");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(deadline.Token)
                ?? throw new InvalidOperationException($"the OpenID Provider exited before serving: {errors}");
            var issuer = JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!;
            return new OidcProviderProcess(process, new Uri(issuer));
        }
        catch (Exception ex) when (ex is OperationCanceledException or JsonException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"the OpenID Provider did not report its issuer: {ex.Message} {errors}", ex);
        }
    }

    /// <summary>A client_credentials access token (JWT) for <paramref name="resource"/>; fails with the provider's error.</summary>
    public async Task<string> GetTokenAsync(string clientId, string secret, string resource = ControlPlaneResource)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issuer, "token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["resource"] = resource,
                ["scope"] = "api",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the OpenID Provider refused {clientId}: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Stops the provider.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
