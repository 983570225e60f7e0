using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CloudGov.ControlPlane.Persistence;

/// <summary>
/// Lets storage drivers' exceptions travel between silos as themselves. Orleans serializes exceptions only from the
/// namespaces it is told (Microsoft, System and Azure by default, so SQLite's already do); without Npgsql among them, a
/// PostgreSQL failure on another silo reaches the caller as a serializer error, and callers could tell it from any
/// other failure only by its message text. With it, the caller finds the <c>NpgsqlException</c> (a
/// <see cref="System.Data.Common.DbException"/>) in the chain.
/// </summary>
public static class StorageExceptionSerialization
{
    /// <summary>The namespace prefix of Npgsql's exception types.</summary>
    public const string NpgsqlNamespace = "Npgsql";

    /// <summary>Adds the storage drivers' namespaces to <see cref="ExceptionSerializationOptions.SupportedNamespacePrefixes"/>.</summary>
    public static IServiceCollection AddStorageExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(NpgsqlNamespace));
}
