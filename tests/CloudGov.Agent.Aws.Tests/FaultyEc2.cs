using System.Net;
using System.Text;
using Amazon.Runtime;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>
/// The SDK's own HTTP seam with a handler in front of moto: while <see cref="Fault"/> is set, calls of
/// <see cref="Action"/> get that EC2 error (status and code) instead of moto's answer; every attempt is counted.
/// </summary>
public sealed class FaultyEc2 : HttpClientFactory
{
    private int _attempts;

    /// <summary>The EC2 action to fail (e.g. DescribeInstances); null for every action.</summary>
    public string? Action { get; set; }

    /// <summary>The error to answer with, or null to pass through to moto.</summary>
    public (HttpStatusCode Status, string Code)? Fault { get; set; }

    /// <summary>Failed attempts answered so far (the SDK's retries included).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <inheritdoc />
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this) { InnerHandler = new HttpClientHandler() });

    /// <inheritdoc />
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    /// <inheritdoc />
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class Handler(FaultyEc2 owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (owner.Fault is { } fault)
            {
                string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                if (owner.Action is null || body.Contains($"Action={owner.Action}&", StringComparison.Ordinal) || body.EndsWith($"Action={owner.Action}", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref owner._attempts);
                    string xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{fault.Code}</Code><Message>injected {fault.Code}</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>";
                    return new HttpResponseMessage(fault.Status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml"), RequestMessage = request };
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
