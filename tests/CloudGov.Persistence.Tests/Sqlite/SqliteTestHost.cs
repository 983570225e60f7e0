using CloudGov.Persistence.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace CloudGov.Persistence.Tests.Sqlite;

/// <summary>
/// A silo host that is built but never started: its container supplies the SQLite providers exactly as a silo
/// would (default grain storage serializer, activators), so the tests call the providers directly.
/// </summary>
internal sealed class SqliteTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    public SqliteTestHost(string path, bool synchronousFull = true)
    {
        int[] ports = [FreePort.Next(), FreePort.Next()];
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports[0], ports[1], serviceId: "sqlite-tests", clusterId: "sqlite-tests")
            .AddSqliteGrainStorage("store", o =>
            {
                o.DataSource = path;
                o.SynchronousFull = synchronousFull;
            })
            .UseSqliteReminderService(o => o.DataSource = path));
        _host = builder.Build();
    }

    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>("store");

    public IReminderTable Reminders => _host.Services.GetRequiredService<IReminderTable>();

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
