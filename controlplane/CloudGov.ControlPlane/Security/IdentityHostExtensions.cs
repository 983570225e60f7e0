using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Bearer-token authentication (self-signed HS256 tokens and an external OpenID Connect issuer), deny-by-default
/// authorization over <see cref="RpcAccessRules"/>, and per-caller rate limiting.
/// </summary>
public static class IdentityHostExtensions
{
    /// <summary>The scheme of tokens the control plane signs itself.</summary>
    public const string SelfSignedScheme = "CloudGov";

    /// <summary>The scheme of tokens from the external OpenID Connect issuer.</summary>
    public const string OidcScheme = "Oidc";

    /// <summary>The default scheme: picks one of the two by the token's issuer.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The longest bearer token read, in characters; longer ones are refused before parsing.</summary>
    public const int MaxTokenLength = 8192;

    /// <summary>Adds authentication, the fallback authorization policy, the tenant scope and the rate limiter.</summary>
    public static WebApplicationBuilder AddControlPlaneIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        services.AddSingleton<IdentityLog>();
        services.TryAddSingleton<ITenantScope, SameTenantScope>();

        var identity = builder.Configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        var authentication = services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "CloudGov or OpenID Connect bearer token", policy =>
                policy.ForwardDefaultSelector = context => SchemeFor(context, identity))
            .AddJwtBearer(SelfSignedScheme, jwt => ConfigureSelfSigned(jwt, identity));
        if (identity.Oidc.Enabled)
        {
            authentication.AddJwtBearer(OidcScheme, jwt => ConfigureOidc(jwt, identity.Oidc));
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new RpcAccessRequirement()).Build());
        services.AddSingleton<IAuthorizationHandler, RpcAccessRequirement>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddRateLimiter(limiter => CallerRateLimiter.Configure(limiter, identity.RateLimit));
        return builder;
    }

    /// <summary>Authentication, authorization and rate limiting, in that order, before the endpoints.</summary>
    public static WebApplication UseControlPlaneIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static string SchemeFor(HttpContext context, IdentityOptions identity)
    {
        if (!identity.Oidc.Enabled)
        {
            return SelfSignedScheme;
        }

        if (!identity.HasSigningKey)
        {
            return OidcScheme;
        }

        // Routes by the (not yet validated) issuer; the chosen scheme then validates everything, the issuer included.
        // A token that cannot be read goes to the self-signed scheme, whose checks refuse it as the other's would.
        var token = BearerToken(context.Request);
        return token is not null && ClaimedIssuer.Names(token, identity.Issuer) == false ? OidcScheme : SelfSignedScheme;
    }

    private static void ConfigureSelfSigned(JwtBearerOptions jwt, IdentityOptions identity)
    {
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        jwt.TokenValidationParameters = new()
        {
            ValidIssuer = identity.Issuer,
            ValidAudience = identity.Audience,
            ValidAlgorithms = [SigningKeys.Algorithm],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = identity.ClockSkew,
            NameClaimType = CloudGovClaims.Subject,
            RoleClaimType = CloudGovClaims.Role,
            // Without a key (an OIDC-only host) nothing verifies here; the validator has reported a bad key at start.
            IssuerSigningKey = SigningKeys.TryLoad(identity, out var key, out _) ? key : null,
        };
        jwt.Events = Events(mapClaims: null);
    }

    private static void ConfigureOidc(JwtBearerOptions jwt, OidcIssuerOptions oidc)
    {
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        jwt.Authority = oidc.Authority;
        if (!string.IsNullOrWhiteSpace(oidc.MetadataAddress))
        {
            jwt.MetadataAddress = oidc.MetadataAddress;
        }

        jwt.Audience = oidc.Audience;
        jwt.RequireHttpsMetadata = !oidc.AllowHttpOnLoopback;
        jwt.TokenValidationParameters = new()
        {
            ValidAudience = oidc.Audience,
            ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = oidc.SubjectClaim,
        };
        jwt.Events = Events(mapClaims: principal => OidcClaims.Map(principal, oidc));
    }

    private static JwtBearerEvents Events(Func<System.Security.Claims.ClaimsPrincipal, string?>? mapClaims) => new()
    {
        OnMessageReceived = context =>
        {
            var token = BearerToken(context.Request);
            if (token is null)
            {
                return Task.CompletedTask;
            }

            if (token.Length > MaxTokenLength)
            {
                context.Fail($"the bearer token is {token.Length} characters; at most {MaxTokenLength} are read");
            }
            else if (UnsignedTokens.IsUnsigned(token))
            {
                context.Fail(TokenFailures.Unsigned);
            }
            else
            {
                context.Token = token;
            }

            return Task.CompletedTask;
        },
        OnAuthenticationFailed = context =>
        {
            context.Fail(TokenFailures.Describe(context.Exception));
            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            var problem = mapClaims?.Invoke(context.Principal!);
            var caller = problem is null ? CallerContext.FromPrincipal(context.Principal) : null;
            if (problem is null && caller is null)
            {
                problem = $"the bearer token names no CloudGov caller: it needs '{CloudGovClaims.Subject}', '{CloudGovClaims.Role}' (tenant, operator or auditor) and, for tenants, '{CloudGovClaims.Tenant}'";
            }
            else if (caller is not null && TokenIssuer.Problem(caller.Subject, caller.Role, caller.TenantId, TimeSpan.FromSeconds(1)) is { } bad)
            {
                problem = $"the bearer token's caller is unusable: {bad}";
            }

            if (problem is not null)
            {
                context.Fail(problem);
            }

            return Task.CompletedTask;
        },
        // The authorization result handler writes the gRPC status; keep the handler from writing a 401 body of its own.
        OnChallenge = context =>
        {
            if (GrpcStatusResponse.IsGrpc(context.HttpContext))
            {
                context.HandleResponse();
                return GrpcStatusResponse.WriteAsync(context.HttpContext, StatusCode.Unauthenticated, context.AuthenticateFailure?.Message ?? TokenFailures.Missing);
            }

            return Task.CompletedTask;
        },
    };

    private static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
