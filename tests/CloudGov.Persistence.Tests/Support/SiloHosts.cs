using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudGov.Persistence.Tests.Support;

/// <summary>Builds control-plane-like silo hosts wired only through <c>UseCloudGovStorage(configuration)</c>.</summary>
internal static class SiloHosts
{
    public static IHost Build(IDictionary<string, string?> storage)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(storage.Select(kv => KeyValuePair.Create($"Storage:{kv.Key}", kv.Value)));
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseCloudGovStorage(builder.Configuration));
        return builder.Build();
    }

    public static Dictionary<string, string?> Postgres(string connectionString, string clusterId)
    {
        int[] ports = [FreePort.Next(), FreePort.Next()];
        return new()
        {
            ["Mode"] = "Postgres",
            ["PostgresConnectionString"] = connectionString,
            ["ClusterId"] = clusterId,
            ["ServiceId"] = clusterId,
            ["SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static Dictionary<string, string?> Sqlite(string path)
    {
        int[] ports = [FreePort.Next(), FreePort.Next()];
        return new()
        {
            ["Mode"] = "Sqlite",
            ["SqlitePath"] = path,
            ["SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
