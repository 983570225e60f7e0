using Azure.Core;
using Azure.Identity;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>
/// The tests' credential, through the same <see cref="TokenCredential"/> interface as ClientSecretCredential or
/// DefaultAzureCredential: a fixed bearer token the fake ARM endpoint accepts, for the scope the SDK asks for; it can
/// be made to fail as Entra ID would.
/// </summary>
internal sealed class TestCredential : TokenCredential
{
    /// <summary>The token the fake accepts.</summary>
    public const string Token = "cloudgov-test-token";

    private int _requests;

    /// <summary>The scopes of the last token request.</summary>
    public string[] LastScopes { get; private set; } = [];

    /// <summary>Token requests so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>When set, every token request fails with this message (AuthenticationFailedException).</summary>
    public string? FailWith { get; set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        LastScopes = requestContext.Scopes;
        if (FailWith is { } message)
        {
            throw new AuthenticationFailedException(message);
        }

        // Short-lived, so a test that fails tokens sees the next request ask again.
        return ValueTask.FromResult(new AccessToken(Token, DateTimeOffset.UtcNow.AddMinutes(2)));
    }
}
