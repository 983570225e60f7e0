using System.Data.Common;
using Orleans.Serialization;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Turns a failed grain call into a clear gRPC status: when storage (PostgreSQL/SQLite) or a silo cannot be
/// reached, callers get <see cref="StatusCode.Unavailable"/> ("retry later") instead of Unknown. Failures are told
/// apart by the exception's type, never by its message: a storage failure is a <see cref="DbException"/> (Npgsql's and
/// SQLite's both derive from it) anywhere in the chain of inner exceptions, also when it comes from another silo (its
/// types travel between silos, see <c>StorageExceptionSerialization</c>).
/// </summary>
internal static class GrainCallFailures
{
    /// <summary>The cause a caller is told when storage failed.</summary>
    public const string StorageCause = "its storage is unavailable";

    /// <summary>Awaits <paramref name="call"/>, mapping Orleans, storage and timeout failures to <see cref="StatusCode.Unavailable"/>.</summary>
    public static async Task UnavailableOnFailure(this Task call, string what) =>
        await UnavailableOnFailure(Wrap(call), what);

    /// <summary>Awaits <paramref name="call"/>, mapping Orleans, storage and timeout failures to <see cref="StatusCode.Unavailable"/>.</summary>
    public static async Task<T> UnavailableOnFailure<T>(this Task<T> call, string what)
    {
        try
        {
            return await call;
        }
        catch (Exception ex) when (Cause(ex) is { } cause)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"the control plane could not {what}: {cause}; retry later"));
        }
    }

    /// <summary>
    /// Why a grain call failed for reasons a retry may fix: storage (a <see cref="DbException"/> in the chain), the
    /// cluster (an Orleans failure, a timeout, or a failure another silo sent that this one cannot read); null for any
    /// other failure (a bug or a rejected request), which is not hidden behind Unavailable.
    /// </summary>
    public static string? Cause(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Chain(exception).Any(e => e is DbException))
        {
            return StorageCause;
        }

        return exception is OrleansException or TimeoutException or SerializerException or UnavailableExceptionFallbackException
            ? $"the cluster did not answer ({exception.GetType().Name})"
            : null;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    private static async Task<bool> Wrap(Task call)
    {
        await call;
        return true;
    }
}
