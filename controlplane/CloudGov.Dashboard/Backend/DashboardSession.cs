using CloudGov.Dashboard.Text;
using System.Security.Claims;
using Google.Protobuf;
using Microsoft.AspNetCore.Components.Authorization;

namespace CloudGov.Dashboard.Backend;

/// <summary>
/// One circuit's signed-in user and language. Every read and action goes through <see cref="CallAsync{TRequest, TResponse}"/>
/// (the host's rule check and service code); <see cref="May"/> decides what is offered, from the same rule table.
/// </summary>
public sealed class DashboardSession(IDashboardBackend backend, AuthenticationStateProvider authentication, TimeProvider time)
{
    private DateTimeOffset? _expiresAt;

    /// <summary>The signed-in user (anonymous until <see cref="InitializeAsync"/>).</summary>
    public ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    /// <summary>True when a user is signed in and the sign-in has not expired.</summary>
    public bool IsSignedIn => User.Identity?.IsAuthenticated == true && (_expiresAt is null || _expiresAt > time.GetUtcNow());

    /// <summary>Who is signed in (the token's subject).</summary>
    public string Subject => User.FindFirst(DashboardAuth.SubjectClaim)?.Value ?? string.Empty;

    /// <summary>The role name (operator, auditor, tenant).</summary>
    public string Role => User.FindFirst(DashboardAuth.RoleClaim)?.Value ?? string.Empty;

    /// <summary>For tenants: the tenant they act for.</summary>
    public string? TenantId => User.FindFirst(DashboardAuth.TenantClaim)?.Value;

    /// <summary>The current language.</summary>
    public string Language { get; private set; } = DashboardLanguage.Chinese;

    /// <summary>The current language's strings.</summary>
    public DashboardStrings T => DashboardLanguage.Strings(Language);

    /// <summary>Raised when the language switches (every component re-renders).</summary>
    public event Action? LanguageChanged;

    /// <summary>Reads the circuit's user and the language the page was requested in.</summary>
    public async Task InitializeAsync(string language)
    {
        Language = DashboardLanguage.FromCookie(language);
        var state = await authentication.GetAuthenticationStateAsync();
        User = state.User;
        _expiresAt = DateTimeOffset.TryParse(User.FindFirst(DashboardAuth.ExpiresClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    /// <summary>Switches the language.</summary>
    public void SetLanguage(string language)
    {
        Language = DashboardLanguage.FromCookie(language);
        LanguageChanged?.Invoke();
    }

    /// <summary>True when the signed-in role may call <paramref name="method"/>: what it may not is not offered.</summary>
    public bool May(string method) => IsSignedIn && backend.MayCall(User, method);

    /// <summary>Calls an RPC as the signed-in user (refused server-side when the role may not).</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        IsSignedIn
            ? backend.CallAsync<TRequest, TResponse>(method, request, User, cancellationToken)
            : throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unauthenticated, "the dashboard sign-in has expired; sign in again"));
}
