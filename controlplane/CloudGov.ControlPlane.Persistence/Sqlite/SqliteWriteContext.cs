using Microsoft.Data.Sqlite;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// What a queued write sees: the writer connection inside the current batch transaction, with prepared commands
/// cached by SQL text. Only the writer loop touches it, so it needs no locking.
/// </summary>
internal sealed class SqliteWriteContext(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal SqliteTransaction? Transaction { get; set; }

    /// <summary>A command for <paramref name="sql"/>, bound to the current transaction, with no parameters.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
