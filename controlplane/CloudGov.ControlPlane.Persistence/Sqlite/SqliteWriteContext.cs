using Microsoft.Data.Sqlite;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// What a queued write sees: the writer connection inside the current batch transaction, with prepared commands
/// cached by SQL text. Only the writer loop touches it, so it needs no locking.
/// </summary>
internal sealed class SqliteWriteContext(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteWriteStatement> _prepared = new(StringComparer.Ordinal);

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

    /// <summary>
    /// A statement for <paramref name="sql"/> whose parameters (<paramref name="names"/>, in order) are found once: the
    /// caller sets each one by position (<see cref="SqliteWriteStatement.Set(int, string)"/> and overloads) before every
    /// <see cref="SqliteWriteStatement.Run"/>, so a write that runs the same statement many times per batch neither
    /// allocates parameter objects nor looks names up. It runs in the batch's transaction like every command here.
    /// </summary>
    public SqliteWriteStatement Prepared(string sql, params string[] names)
    {
        if (!_prepared.TryGetValue(sql, out var statement))
        {
            statement = new SqliteWriteStatement(connection.Handle!, sql, names);
            _prepared[sql] = statement;
        }

        return statement;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        // Finalized before the connection closes (a statement left open would keep the connection from closing).
        foreach (var statement in _prepared.Values)
        {
            statement.Dispose();
        }

        _commands.Clear();
        _prepared.Clear();
    }
}
