namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Turns a failed grain call into a clear gRPC status: when storage (PostgreSQL/SQLite) or a silo cannot be
/// reached, callers get <see cref="StatusCode.Unavailable"/> ("retry later") instead of Unknown.
/// </summary>
internal static class GrainCallFailures
{
    /// <summary>Awaits <paramref name="call"/>, mapping Orleans and timeout failures to <see cref="StatusCode.Unavailable"/>.</summary>
    public static async Task UnavailableOnFailure(this Task call, string what) =>
        await UnavailableOnFailure(Wrap(call), what);

    /// <summary>Awaits <paramref name="call"/>, mapping Orleans and timeout failures to <see cref="StatusCode.Unavailable"/>.</summary>
    public static async Task<T> UnavailableOnFailure<T>(this Task<T> call, string what)
    {
        try
        {
            return await call;
        }
        // A storage failure on another silo may arrive as a SerializerException: the driver's exception (e.g.
        // NpgsqlException) has no Orleans codec, so the remote silo cannot send it back as it is.
        catch (Exception ex) when (ex is OrleansException or TimeoutException or Orleans.Serialization.SerializerException)
        {
            var cause = ex.Message.Contains("storage provider", StringComparison.Ordinal) || ex.Message.Contains("Npgsql", StringComparison.Ordinal)
                ? "its storage is unavailable"
                : $"the cluster did not answer ({ex.GetType().Name})";
            throw new RpcException(new Status(StatusCode.Unavailable, $"the control plane could not {what}: {cause}; retry later"));
        }
    }

    private static async Task<bool> Wrap(Task call)
    {
        await call;
        return true;
    }
}
