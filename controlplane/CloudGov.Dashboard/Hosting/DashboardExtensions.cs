using CloudGov.Dashboard.Backend;
using CloudGov.Dashboard.Components;
using CloudGov.Dashboard.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CloudGov.Dashboard.Hosting;

/// <summary>The dashboard's wiring: one call each for the services and the endpoints, so the host adds two lines.</summary>
public static class DashboardExtensions
{
    /// <summary>
    /// Adds the dashboard: Blazor Server components with MudBlazor, the sign-in cookie, the live feed subscription and
    /// the options. The host registers its <see cref="IDashboardBackend"/>.
    /// </summary>
    public static WebApplicationBuilder AddOperationsDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication().AddCookie(DashboardAuth.CookieScheme, cookie =>
        {
            cookie.Cookie.Name = DashboardAuth.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.LoginPath = DashboardAuth.SignInPath;
            cookie.AccessDeniedPath = DashboardAuth.SignInPath;
            cookie.SlidingExpiration = false;
        });
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuth.Policy, policy => policy
            .AddAuthenticationSchemes(DashboardAuth.CookieScheme)
            .RequireAuthenticatedUser());
        services.AddScoped<DashboardSession>();
        services.AddSingleton<DashboardLive>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardLive>());
        return builder;
    }

    /// <summary>
    /// Maps the dashboard under <c>/dashboard</c> on the host's HTTP port: its pages and circuit behind the sign-in cookie,
    /// the sign-in page and the static assets (MudBlazor's CSS/JS from its package) open, sign-out behind the cookie.
    /// </summary>
    /// <param name="app">The host.</param>
    /// <param name="host">
    /// The host's assembly: its static-assets manifest is used when the running application has none of its own (a
    /// test process or any other entry point that starts the host's code).
    /// </param>
    public static WebApplication MapOperationsDashboard(this WebApplication app, System.Reflection.Assembly host)
    {
        ArgumentNullException.ThrowIfNull(host);
        app.UseAntiforgery();
        app.MapStaticAssets(StaticAssetsManifest(app.Environment.ApplicationName, host.GetName().Name!)).AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(DashboardAuth.Policy);
        app.MapPost("/dashboard/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(DashboardAuth.CookieScheme);
            return Results.Redirect(DashboardAuth.SignInPath);
        }).RequireAuthorization(DashboardAuth.Policy).DisableAntiforgery();
        return app;
    }

    private static string? StaticAssetsManifest(string application, string host)
    {
        foreach (var name in new[] { application, host })
        {
            var path = Path.Combine(AppContext.BaseDirectory, $"{name}.staticwebassets.endpoints.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
