using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudGov.Agent.Providers.Azure;
using CloudGov.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>
/// An Azure Resource Manager endpoint for tests: Kestrel over HTTPS on loopback (a self-signed certificate only the
/// provider is told to trust) speaking ARM's JSON wire format for exactly the calls the provider makes —
/// Microsoft.Compute/virtualMachines list (with nextLink paging), GET, PUT and DELETE as long-running operations
/// (201/202 with Azure-AsyncOperation and Location, operation status polling), Microsoft.Network resources as generic
/// resources (networkSecurityGroups with ARM's default rules added, networkInterfaces), every call requiring a valid api-version and the bearer token, and errors as ARM sends them
/// (<c>{"error":{"code","message"}}</c>). Faults can be queued: an error status with headers, or a stall.
/// </summary>
internal sealed partial class FakeArm : IAsyncDisposable
{
    public const string Subscription = "8f3a2c1e-4b5d-4e6f-9a7b-0c1d2e3f4a5b";
    public const string Group = "rg-cloudgov-zone";
    public const string Location = "chinanorth3";
    public const string Subnet = $"/subscriptions/{Subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/workloads";
    public static readonly string[] NetworkApiVersions = ["2023-09-01", "2023-05-01", "2022-07-01"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Lock _gate = new();

    private FakeArm(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint (https://127.0.0.1:port/).</summary>
    public Uri Endpoint { get; }

    /// <summary>When false, every call gets 401 InvalidAuthenticationToken as if the token were revoked.</summary>
    public bool AcceptToken { get; set; } = true;

    /// <summary>How many status polls an operation answers InProgress before it is done.</summary>
    public int PollsBeforeDone { get; set; } = 1;

    /// <summary>The most VMs in one page of the list.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Every request so far as "METHOD path?query", in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Calls the fake answered 404 NoRoute to (the provider called something ARM-like that the fake does not serve).</summary>
    public int Unrouted { get; private set; }

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeArm> StartAsync()
    {
        int port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The SDK keeps its connections open; stopping does not wait for them.
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromMilliseconds(200));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(FakeArmCertificate.Certificate)));
        var app = builder.Build();
        var fake = new FakeArm(app, new Uri($"https://127.0.0.1:{port}/"));
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Provider settings for this fake (add or override keys as needed).</summary>
    public AzureOptions Options() => new()
    {
        SubscriptionId = Subscription,
        ResourceGroup = Group,
        Location = Location,
        ArmEndpoint = Endpoint,
        TrustedCertificatePath = FakeArmCertificate.PemPath,
        OperationPollInterval = TimeSpan.FromMilliseconds(20),
        Retry = new AzureRetrySettings { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100), NetworkTimeout = TimeSpan.FromSeconds(10) },
        Capacity = new ResourceVectorSettings { CpuMillicores = 64_000, MemoryMib = 262_144, StorageGib = 4_000 },
        Placement = new AzurePlacementSettings { SubnetId = Subnet, SshPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests cloudgov@test" },
    };

    /// <summary>The same settings as configuration keys (<c>Agent:Azure:*</c>), for an agent host.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Agent:Azure:SubscriptionId"] = Subscription,
        ["Agent:Azure:ResourceGroup"] = Group,
        ["Agent:Azure:Location"] = Location,
        ["Agent:Azure:ArmEndpoint"] = Endpoint.ToString(),
        ["Agent:Azure:TrustedCertificatePath"] = FakeArmCertificate.PemPath,
        ["Agent:Azure:OperationPollInterval"] = "00:00:00.020",
        ["Agent:Azure:Retry:MaxRetries"] = "1",
        ["Agent:Azure:Retry:Delay"] = "00:00:00.020",
        ["Agent:Azure:Retry:MaxDelay"] = "00:00:00.100",
        ["Agent:Azure:Retry:NetworkTimeout"] = "00:00:10",
        ["Agent:Azure:Capacity:CpuMillicores"] = "64000",
        ["Agent:Azure:Capacity:MemoryMib"] = "262144",
        ["Agent:Azure:Capacity:StorageGib"] = "4000",
        ["Agent:Azure:Placement:SubnetId"] = Subnet,
        ["Agent:Azure:Placement:SshPublicKey"] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests cloudgov@test",
    };

    /// <summary>The next <paramref name="count"/> requests get this ARM error (with Retry-After seconds when given).</summary>
    public void FailNext(int count, HttpStatusCode status, string code, string message, int? retryAfterSeconds = null)
    {
        for (int i = 0; i < count; i++)
        {
            _faults.Enqueue(new Fault(status, code, message, retryAfterSeconds, Stall: false));
        }
    }

    /// <summary>The next <paramref name="count"/> requests are never answered (until the client gives up).</summary>
    public void StallNext(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _faults.Enqueue(new Fault(0, string.Empty, string.Empty, null, Stall: true));
        }
    }

    /// <summary>The resource id of a VM in the zone's resource group.</summary>
    public static string VmId(string name, string group = Group) =>
        $"/subscriptions/{Subscription}/resourceGroups/{group}/providers/Microsoft.Compute/virtualMachines/{name}";

    /// <summary>The resource id of a network resource in the zone's resource group.</summary>
    public static string NetworkId(string type, string name) =>
        $"/subscriptions/{Subscription}/resourceGroups/{Group}/providers/Microsoft.Network/{type}/{name}";

    /// <summary>Adds a resource as if someone had made it outside CloudGov (ARM's full JSON, with id, name, type).</summary>
    public void Seed(string id, JsonObject resource)
    {
        var segments = id.Split('/');
        resource["id"] = id;
        resource["name"] = segments[^1];
        resource["type"] = $"{segments[^3]}/{segments[^2]}";
        resource["location"] ??= Location;
        _resources[id] = resource;
    }

    /// <summary>The stored resource, or null.</summary>
    public JsonObject? Get(string id) => _resources.TryGetValue(id, out var r) ? (JsonObject)r.DeepClone() : null;

    /// <summary>How many resources of an ARM type the fake holds.</summary>
    public int Count(string type) => _resources.Values.Count(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string path = request.Path.Value ?? "/";
        _requests.Enqueue($"{request.Method} {path}{request.QueryString}");
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-correlation-request-id"] = Guid.NewGuid().ToString();
        if (_faults.TryDequeue(out var fault))
        {
            if (fault.Stall)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, (int)fault.Status, fault.Code, fault.Message);
            return;
        }

        if (request.Headers.Authorization.ToString() != $"Bearer {TestCredential.Token}" || !AcceptToken)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The access token is invalid.\"";
            await ErrorAsync(context, 401, "InvalidAuthenticationToken", "The access token is invalid.");
            return;
        }

        string? apiVersion = request.Query["api-version"];
        if (string.IsNullOrEmpty(apiVersion))
        {
            await ErrorAsync(context, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            return;
        }

        if (!ApiVersionPattern().IsMatch(apiVersion))
        {
            await ErrorAsync(context, 400, "InvalidApiVersionParameter", $"The api-version '{apiVersion}' is invalid.");
            return;
        }

        await RouteAsync(context, path, apiVersion);
    }

    private async Task RouteAsync(HttpContext context, string path, string apiVersion)
    {
        string method = context.Request.Method;
        if (OperationPattern().Match(path) is { Success: true } op)
        {
            await OperationAsync(context, op.Groups["id"].Value);
            return;
        }

        if (VmListPattern().Match(path) is { Success: true } list && method == "GET")
        {
            await ListVmsAsync(context, list.Groups["rg"].Value);
            return;
        }

        if (ResourcePattern().Match(path) is { Success: true } resource)
        {
            string ns = resource.Groups["ns"].Value;
            if (ns.Equals("Microsoft.Network", StringComparison.OrdinalIgnoreCase) && !NetworkApiVersions.Contains(apiVersion))
            {
                await ErrorAsync(context, 400, "NoRegisteredProviderFound", $"No registered resource provider found for location '{Location}' and API version '{apiVersion}' for type '{resource.Groups["type"].Value}'.");
                return;
            }

            string id = path.TrimEnd('/');
            switch (method)
            {
                case "GET":
                    await GetAsync(context, id);
                    return;
                case "PUT":
                    await PutAsync(context, id, resource.Groups["type"].Value, apiVersion);
                    return;
                case "DELETE":
                    await DeleteAsync(context, id, apiVersion);
                    return;
            }
        }

        Unrouted++;
        await ErrorAsync(context, 404, "NoRoute", $"The fake ARM endpoint does not serve {method} {path}.");
    }

    private async Task ListVmsAsync(HttpContext context, string group)
    {
        var all = _resources.Values
            .Where(r => string.Equals((string?)r["type"], "Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase)
                && ((string)r["id"]!).Contains($"/resourceGroups/{group}/", StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => (string?)r["name"], StringComparer.Ordinal)
            .ToList();
        int skip = int.TryParse(context.Request.Query["$skiptoken"], out int s) ? s : 0;
        var page = all.Skip(skip).Take(PageSize).Select(r => (JsonNode)r.DeepClone()).ToArray();
        var body = new JsonObject { ["value"] = new JsonArray(page) };
        if (skip + PageSize < all.Count)
        {
            body["nextLink"] = $"{Endpoint.GetLeftPart(UriPartial.Authority)}{context.Request.Path}?api-version={context.Request.Query["api-version"]}&$skiptoken={skip + PageSize}";
        }

        await JsonAsync(context, 200, body);
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (_resources.TryGetValue(id, out var resource))
        {
            await JsonAsync(context, 200, resource.DeepClone());
            return;
        }

        var segments = id.Split('/');
        await ErrorAsync(context, 404, "ResourceNotFound", $"The Resource '{segments[^3]}/{segments[^2]}/{segments[^1]}' under resource group '{segments[4]}' was not found.");
    }

    private async Task PutAsync(HttpContext context, string id, string type, string apiVersion)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        if (body is null || body["location"] is null)
        {
            await ErrorAsync(context, 400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: 'location' is required.");
            return;
        }

        if (type.Equals("virtualMachines", StringComparison.OrdinalIgnoreCase) && body["properties"]?["hardwareProfile"]?["vmSize"] is null)
        {
            await ErrorAsync(context, 400, "InvalidParameter", "Required parameter 'hardwareProfile.vmSize' is missing (null).");
            return;
        }

        var segments = id.Split('/');
        body["id"] = id;
        body["name"] = segments[^1];
        body["type"] = $"{segments[^3]}/{segments[^2]}";
        var properties = body["properties"] as JsonObject ?? [];
        body["properties"] = properties;
        bool created;
        lock (_gate)
        {
            created = !_resources.TryGetValue(id, out var existing);
            properties["provisioningState"] = created ? (type.Equals("virtualMachines", StringComparison.OrdinalIgnoreCase) ? "Creating" : "Updating") : "Updating";
            if (type.Equals("virtualMachines", StringComparison.OrdinalIgnoreCase))
            {
                properties["vmId"] = (string?)existing?["properties"]?["vmId"] ?? Guid.NewGuid().ToString();
                (properties["osProfile"] as JsonObject)?.Remove("adminPassword");
            }

            if (type.Equals("networkSecurityGroups", StringComparison.OrdinalIgnoreCase))
            {
                Normalize(id, properties);
            }

            _resources[id] = body;
        }

        var operation = Start(apiVersion, () =>
        {
            lock (_gate)
            {
                if (_resources.TryGetValue(id, out var done))
                {
                    done["properties"]!["provisioningState"] = "Succeeded";
                }
            }
        });
        context.Response.Headers["Azure-AsyncOperation"] = operation.StatusUrl;
        context.Response.Headers["retry-after-ms"] = "10";
        await JsonAsync(context, created ? 201 : 200, body.DeepClone());
    }

    private Task DeleteAsync(HttpContext context, string id, string apiVersion)
    {
        if (!_resources.TryGetValue(id, out var resource))
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            resource["properties"]!["provisioningState"] = "Deleting";
        }

        var operation = Start(apiVersion, () => _resources.TryRemove(id, out _));
        context.Response.Headers["Azure-AsyncOperation"] = operation.StatusUrl;
        context.Response.Headers.Location = operation.ResultUrl;
        context.Response.Headers["retry-after-ms"] = "10";
        context.Response.StatusCode = 202;
        return Task.CompletedTask;
    }

    private async Task OperationAsync(HttpContext context, string operationId)
    {
        if (!_operations.TryGetValue(operationId, out var operation))
        {
            await ErrorAsync(context, 404, "OperationNotFound", $"The operation '{operationId}' was not found.");
            return;
        }

        bool done = operation.Poll(PollsBeforeDone);
        context.Response.Headers["retry-after-ms"] = "10";
        if (context.Request.Query.ContainsKey("monitor"))
        {
            context.Response.StatusCode = done ? 204 : 202;
            if (!done)
            {
                context.Response.Headers.Location = operation.ResultUrl;
            }

            return;
        }

        await JsonAsync(context, 200, new JsonObject
        {
            ["name"] = operationId,
            ["status"] = done ? "Succeeded" : "InProgress",
            ["startTime"] = operation.Started.ToString("O"),
            ["endTime"] = done ? DateTimeOffset.UtcNow.ToString("O") : null,
        });
    }

    /// <summary>What ARM adds to an NSG: ids and states on its rules, and the default rules.</summary>
    private static void Normalize(string id, JsonObject properties)
    {
        foreach (var rule in properties["securityRules"] as JsonArray ?? [])
        {
            if (rule is JsonObject r)
            {
                r["id"] = $"{id}/securityRules/{(string?)r["name"]}";
                r["type"] = "Microsoft.Network/networkSecurityGroups/securityRules";
                r["etag"] = $"W/\"{Guid.NewGuid()}\"";
                if (r["properties"] is JsonObject p)
                {
                    p["provisioningState"] = "Succeeded";
                }
            }
        }

        properties["securityRules"] ??= new JsonArray();
        properties["resourceGuid"] = Guid.NewGuid().ToString();
        properties["defaultSecurityRules"] = new JsonArray(
            DefaultRule(id, "AllowVnetInBound", "VirtualNetwork", "Allow", 65000),
            DefaultRule(id, "AllowAzureLoadBalancerInBound", "AzureLoadBalancer", "Allow", 65001),
            DefaultRule(id, "DenyAllInBound", "*", "Deny", 65500));
    }

    private static JsonObject DefaultRule(string id, string name, string source, string access, int priority) => new()
    {
        ["name"] = name,
        ["id"] = $"{id}/defaultSecurityRules/{name}",
        ["properties"] = new JsonObject
        {
            ["protocol"] = "*",
            ["sourceAddressPrefix"] = source,
            ["sourcePortRange"] = "*",
            ["destinationAddressPrefix"] = "*",
            ["destinationPortRange"] = "*",
            ["access"] = access,
            ["priority"] = priority,
            ["direction"] = "Inbound",
        },
    };

    private Operation Start(string apiVersion, Action complete)
    {
        string id = Guid.NewGuid().ToString();
        string root = $"{Endpoint.GetLeftPart(UriPartial.Authority)}/subscriptions/{Subscription}/providers/Microsoft.Compute/locations/{Location}/operations/{id}";
        var operation = new Operation(id, $"{root}?api-version={apiVersion}", $"{root}?monitor=true&api-version={apiVersion}", complete);
        _operations[id] = operation;
        return operation;
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex(@"^/subscriptions/[^/]+/providers/Microsoft\.(Compute|Network)/locations/[^/]+/operations/(?<id>[^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OperationPattern();

    [GeneratedRegex(@"^/subscriptions/[^/]+/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\.Compute/virtualMachines/?$", RegexOptions.IgnoreCase)]
    private static partial Regex VmListPattern();

    [GeneratedRegex(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/(?<ns>Microsoft\.Compute|Microsoft\.Network)/(?<type>virtualMachines|networkSecurityGroups|networkInterfaces)/[^/]+/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ResourcePattern();

    private sealed record Fault(HttpStatusCode Status, string Code, string Message, int? RetryAfterSeconds, bool Stall);

    /// <summary>A long-running operation: InProgress for a number of polls, then done (its completion applied once).</summary>
    private sealed class Operation(string id, string statusUrl, string resultUrl, Action complete)
    {
        private readonly Lock _gate = new();
        private int _polls;
        private bool _done;

        public string Id { get; } = id;

        public string StatusUrl { get; } = statusUrl;

        public string ResultUrl { get; } = resultUrl;

        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

        /// <summary>Counts a poll; true once done.</summary>
        public bool Poll(int pollsBeforeDone)
        {
            lock (_gate)
            {
                if (!_done && ++_polls > pollsBeforeDone)
                {
                    _done = true;
                    complete();
                }

                return _done;
            }
        }
    }
}
