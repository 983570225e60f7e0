using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;

namespace CloudGov.ControlPlane.Persistence.Postgres;

/// <summary>
/// Applies <see cref="PostgresSchema"/> at the very first silo lifecycle stage, before membership, storage and
/// reminders load their queries. Retries transient failures (PostgreSQL still starting) until the timeout.
/// </summary>
internal sealed class PostgresSchemaInitializer(string connectionString, TimeSpan timeout, TimeProvider time, ILogger<PostgresSchemaInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaInitializer), ServiceLifecycleStage.First, ApplyAsync);

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        PersistenceLog.PostgresSchemaApplying(logger, PostgresSchema.Version);
        var deadline = time.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostgresSchema.ApplyAsync(connectionString, cancellationToken).ConfigureAwait(false);
                PersistenceLog.PostgresSchemaApplied(logger, PostgresSchema.Version, PostgresSchema.Queries.Count);
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && time.GetUtcNow() + delay < deadline && !cancellationToken.IsCancellationRequested)
            {
                PersistenceLog.PostgresSchemaRetry(logger, ex, attempt, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static bool IsTransient(Exception exception) =>
        exception is NpgsqlException { IsTransient: true } or TimeoutException
        || exception is PostgresException { SqlState: "57P03" }; // cannot_connect_now: the server is starting up
}
