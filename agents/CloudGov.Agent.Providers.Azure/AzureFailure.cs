using Azure;
using Azure.Identity;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>What an ARM or credential failure means for the zone, in one line for a Degraded report or a failed command.</summary>
internal static class AzureFailure
{
    /// <summary>True for the failures a provider reports instead of throwing: ARM errors, credential errors, timeouts, network failures.</summary>
    public static bool IsProviderFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        // Azure.Core's retry policy gives up with every try's failure.
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => IsProviderFailure(e, cancellationToken)),
        RequestFailedException or AuthenticationFailedException or CredentialUnavailableException or HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The reason: what failed, the ARM status and error code, and what the agent did about it.</summary>
    public static string Describe(Exception ex, AzureOptions o)
    {
        if (ex is AggregateException { InnerExceptions.Count: > 0 } all)
        {
            ex = all.InnerExceptions[^1];
        }

        string retries = $"after {o.Retry.MaxRetries} retr{(o.Retry.MaxRetries == 1 ? "y" : "ies")} by Azure.Core's retry policy";
        return ex switch
        {
            RequestFailedException { Status: 401 } r =>
                $"Azure Resource Manager rejected the credential (401 {Code(r)}): {FirstLine(r.Message)}; check Agent:Azure's credential",
            RequestFailedException { Status: 403 } r =>
                $"the credential may not do this in resource group {o.ResourceGroup} (403 {Code(r)}): {FirstLine(r.Message)}; grant it a role there",
            RequestFailedException { Status: 429 } r =>
                $"Azure Resource Manager is throttling the agent (429 {Code(r)}) {retries}, each after the Retry-After ARM asked for: {FirstLine(r.Message)}",
            RequestFailedException { Status: 0 } r =>
                $"could not reach Azure Resource Manager at {o.ArmEndpoint.Host} {retries}: {FirstLine(r.InnerException?.Message ?? r.Message)}",
            RequestFailedException r =>
                $"Azure Resource Manager answered {r.Status} {Code(r)}{(r.Status >= 500 ? " " + retries : string.Empty)}: {FirstLine(r.Message)}",
            AuthenticationFailedException or CredentialUnavailableException =>
                $"the credential could not get a token for Azure Resource Manager: {FirstLine(ex.Message)}",
            OperationCanceledException =>
                $"Azure Resource Manager did not answer within Agent:Azure:Retry:NetworkTimeout ({o.Retry.NetworkTimeout}) {retries}",
            _ => $"Azure Resource Manager call failed: {FirstLine(ex.Message)}",
        };
    }

    private static string Code(RequestFailedException r) => string.IsNullOrEmpty(r.ErrorCode) ? "no error code" : Clean(r.ErrorCode, 64);

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return Clean(end < 0 ? message : message[..end], 300);
    }

    private static string Clean(string s, int max)
    {
        var text = s.Length <= max ? s : s[..(max - 1)] + "…";
        return new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
    }
}
