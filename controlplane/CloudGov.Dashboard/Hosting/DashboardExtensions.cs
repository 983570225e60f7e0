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
    /// <param name="builder">The host's builder.</param>
    /// <param name="host">
    /// The host's assembly: its static-assets manifests are used (the running application's only when the host's are
    /// missing), so a test process or the demo, which start the host's code, serve the same assets.
    /// </param>
    public static WebApplicationBuilder AddOperationsDashboard(this WebApplicationBuilder builder, System.Reflection.Assembly host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var services = builder.Services;
        var assets = new DashboardAssets(host.GetName().Name!, builder.Environment.ApplicationName);
        services.AddSingleton(assets);

        // A build (not a publish) serves MudBlazor's and the framework's files from where the build manifest says they
        // are (the NuGet cache, obj/); a publish has them in wwwroot and no runtime manifest.
        if (assets.RuntimeManifest is { } runtime)
        {
            builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.StaticWebAssetsKey, runtime);
            Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        }

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
    public static WebApplication MapOperationsDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets(app.Services.GetRequiredService<DashboardAssets>().EndpointsManifest).AllowAnonymous();
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
}
