namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>A write waiting for the single writer. Its result is released only after its batch committed.</summary>
internal abstract class SqliteWriteRequest
{
    public abstract void Execute(SqliteWriteContext context);

    /// <summary>The write itself failed (and was rolled back to its savepoint); nothing of it will be committed.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>The batch committed: release the result of a write that did not fail.</summary>
    public abstract void CompleteIfPending();

    /// <summary>The batch did not commit: fail every write that has not failed already.</summary>
    public abstract void FailIfPending(Exception exception);
}

/// <inheritdoc />
internal sealed class SqliteWriteRequest<T>(Func<SqliteWriteContext, T> write) : SqliteWriteRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private bool _failed;

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteWriteContext context) => _result = write(context);

    public override void Fail(Exception exception)
    {
        _failed = true;
        _completion.TrySetException(exception);
    }

    public override void CompleteIfPending()
    {
        if (!_failed)
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void FailIfPending(Exception exception)
    {
        _failed = true;
        _completion.TrySetException(exception);
    }
}
