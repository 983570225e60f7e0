using Microsoft.Data.Sqlite;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// What a queued write sees: the writer connection inside the current batch transaction, with prepared commands
/// cached by SQL text. Only the writer loop touches it, so it needs no locking.
/// </summary>
internal sealed class SqliteWriteContext(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

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
    /// A command for <paramref name="sql"/> whose parameters (<paramref name="names"/>, in order) are created once and
    /// kept: the caller sets each one's <see cref="SqliteParameter.Value"/> by position before every execution, so a
    /// write that runs the same statement many times per batch allocates no parameter objects. Use one SQL text
    /// either with this or with <see cref="Command"/>, never both.
    /// </summary>
    public SqliteCommand Prepared(string sql, params string[] names)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _prepared[sql] = command;
        }

        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values.Concat(_prepared.Values))
        {
            command.Dispose();
        }

        _commands.Clear();
        _prepared.Clear();
    }
}
