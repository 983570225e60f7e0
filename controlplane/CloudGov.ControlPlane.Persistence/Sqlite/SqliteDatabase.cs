using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// One SQLite file in WAL mode: a single writer connection fed through a channel (writes are group-committed,
/// each in its own savepoint so one failing write cannot take its batch-mates with it), and pooled read
/// connections that never wait for the writer.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SqliteDatabaseSettings _settings;
    private readonly ILogger _logger;
    private readonly Channel<SqliteWriteRequest> _writes =
        Channel.CreateUnbounded<SqliteWriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteWriteContext? _context;
    private Task? _writerLoop;
    private volatile bool _initialized;
    private bool _disposed;

    public SqliteDatabase(SqliteDatabaseSettings settings, ILogger logger)
    {
        _settings = settings;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = settings.FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string FullPath => _settings.FullPath;

    /// <summary>Creates the file, its directory and the schema, switches to WAL and starts the writer. Idempotent.</summary>
    public async Task EnsureInitializedAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(_settings.FullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var writer = OpenConnection();
            try
            {
                using (var wal = writer.CreateCommand())
                {
                    wal.CommandText = "PRAGMA journal_mode=WAL;";
                    var mode = Convert.ToString(wal.ExecuteScalar(), CultureInfo.InvariantCulture);
                    if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidOperationException($"SQLite file '{_settings.FullPath}' refused WAL mode (journal_mode={mode}).");
                    }
                }

                using (var cache = writer.CreateCommand())
                {
                    // The writer keeps SQLite's default page cache (2 MiB), not a larger one: at every COMMIT SQLite
                    // truncates the cache to the database's size (pager_end_transaction), and that walk visits the whole
                    // cache's hash table. With 32 MiB it was 2.8-3 % of the process's CPU on the quota benchmark (perf,
                    // pcache1TruncateUnsafe, ~86 us per commit); a page the smaller cache evicts is read back from the
                    // OS page cache. The WAL grows to 16 MiB before a checkpoint, so a page written by many commits is
                    // copied back once.
                    cache.CommandText = "PRAGMA cache_size=-2000; PRAGMA wal_autocheckpoint=4000;";
                    cache.ExecuteNonQuery();
                }

                using (var schema = writer.CreateCommand())
                {
                    schema.CommandText = SqliteSchema.Ddl;
                    schema.Parameters.AddWithValue("$version", SqliteSchema.Version);
                    schema.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                    schema.ExecuteNonQuery();
                }
            }
            catch
            {
                writer.Dispose();
                throw;
            }

            _writer = writer;
            _context = new SqliteWriteContext(writer);
            _writerLoop = Task.Run(WriterLoopAsync, CancellationToken.None);
            _initialized = true;
            PersistenceLog.SqliteOpened(_logger, _settings.FullPath, _settings.SynchronousFull ? "FULL" : "NORMAL");
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>Queues a write for the single writer; completes after the batch holding it committed.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> write, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var request = new SqliteWriteRequest<T>(write);
        if (!_writes.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), $"SQLite file '{_settings.FullPath}' is closed.");
        }

        return await request.Task.ConfigureAwait(false);
    }

    /// <summary>Runs a read on a pooled connection of its own (WAL readers never wait for the writer).</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = OpenConnection();
        return read(connection);
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText =
            $"PRAGMA busy_timeout={(long)_settings.BusyTimeout.TotalMilliseconds}; " +
            $"PRAGMA synchronous={(_settings.SynchronousFull ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=ON;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private async Task WriterLoopAsync()
    {
        var reader = _writes.Reader;
        var batch = new List<SqliteWriteRequest>(_settings.MaxWriteBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _settings.MaxWriteBatch && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            if (batch.Count > 0)
            {
                CommitBatch(batch);
            }
        }
    }

    private void CommitBatch(List<SqliteWriteRequest> batch)
    {
        var context = _context!;
        SqliteTransaction? transaction = null;
        long started = SqliteWriterMeter.BatchMilliseconds.Enabled ? Stopwatch.GetTimestamp() : 0;
        try
        {
            transaction = _writer!.BeginTransaction(deferred: false);
            context.Transaction = transaction;
            if (batch.Count == 1)
            {
                batch[0].Execute(context);
            }
            else
            {
                foreach (var request in batch)
                {
                    transaction.Save("w");
                    try
                    {
                        request.Execute(context);
                        transaction.Release("w");
                    }
                    catch (Exception ex) when (ex is SqliteException or InvalidOperationException or FormatException)
                    {
                        // Undo just this write; the rest of the batch goes on. If the undo itself fails the
                        // transaction is unusable and the outer handler fails the whole batch.
                        transaction.Rollback("w");
                        transaction.Release("w");
                        request.Fail(ex);
                    }
                }
            }

            long committing = started == 0 ? 0 : Stopwatch.GetTimestamp();
            transaction.Commit();
            if (started != 0)
            {
                SqliteWriterMeter.CommitMilliseconds.Record(Stopwatch.GetElapsedTime(committing).TotalMilliseconds);
                SqliteWriterMeter.BatchMilliseconds.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception ex)
        {
            PersistenceLog.SqliteBatchFailed(_logger, ex, _settings.FullPath, batch.Count);
            try
            {
                transaction?.Rollback();
            }
            catch (Exception rollbackException)
            {
                PersistenceLog.SqliteRollbackFailed(_logger, rollbackException, _settings.FullPath);
            }

            foreach (var request in batch)
            {
                request.FailIfPending(ex);
            }

            return;
        }
        finally
        {
            context.Transaction = null;
            transaction?.Dispose();
        }

        foreach (var request in batch)
        {
            request.CompleteIfPending();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _initLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writes.Writer.TryComplete();
            if (_writerLoop is not null)
            {
                await _writerLoop.ConfigureAwait(false);
            }

            _context?.Dispose();
            _writer?.Dispose();
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        }
        finally
        {
            _initLock.Release();
        }
    }
}
