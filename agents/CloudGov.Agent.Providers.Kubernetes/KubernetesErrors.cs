using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Polly.Timeout;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>Turns what the API server (or the way to it) answered into a one-line reason for a degraded report or a failed command.</summary>
internal static class KubernetesErrors
{
    /// <summary>The most characters of a reason (the wire bound of ZoneReport.degraded_reason).</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>True when the exception came from the API (or the way to it), not from a bug of ours.</summary>
    public static bool IsApiFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpOperationException or KubernetesException or HttpRequestException or TimeoutRejectedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The HTTP status the API server answered, when it did.</summary>
    public static HttpStatusCode? StatusOf(Exception ex) => ex switch
    {
        HttpOperationException http => http.Response?.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };

    /// <summary>"Kubernetes &lt;what&gt;: &lt;why&gt;", at most 1,024 characters, without control characters.</summary>
    public static string Reason(string what, Exception ex) => Clean($"Kubernetes {what}: {Why(ex)}");

    private static string Why(Exception ex) => ex switch
    {
        HttpOperationException http when http.Response is { } response => Status((int)response.StatusCode, response.StatusCode.ToString(), StatusMessage(response.Content)),
        KubernetesException { Status: { } status } => Status(status.Code ?? 0, status.Reason ?? "Failure", status.Message),
        TimeoutRejectedException timeout => $"timed out after {timeout.Timeout.TotalSeconds:0.###} s (after the client's retries)",
        OperationCanceledException => "timed out (after the client's retries)",
        HttpRequestException request => $"cannot reach the API server ({request.HttpRequestError}): {request.Message}",
        _ => ex.Message,
    };

    private static string Status(int code, string name, string? message)
    {
        string hint = code switch
        {
            401 => " — the credentials were refused; check the kubeconfig's user (token or client certificate)",
            403 => " — the credentials lack RBAC permission for this",
            429 => " — throttled by the API server",
            _ => string.Empty,
        };
        return string.IsNullOrWhiteSpace(message) ? $"{code} {name}{hint}" : $"{code} {name}: {message}{hint}";
    }

    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(content)?.Message;
        }
        catch (System.Text.Json.JsonException)
        {
            return content.Length <= 200 ? content : content[..200] + "…";
        }
    }

    private static string Clean(string s)
    {
        var text = new string([.. s.Select(c => char.IsControl(c) ? ' ' : c)]);
        return text.Length <= MaxReasonLength ? text : text[..(MaxReasonLength - 1)] + "…";
    }
}
