using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Domain;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace CloudGov.Cluster.Tests.Support;

/// <summary>
/// Reads zone state straight from the PostgreSQL grain-state table (what survives any host), decoded with the
/// Orleans serializer the hosts store it with.
/// </summary>
internal sealed class StoredZones : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly OrleansGrainStorageSerializer _serializer;

    public StoredZones()
    {
        _services = new ServiceCollection()
            .AddSerializer(b => b
                .AddAssembly(typeof(ZoneState).Assembly)
                .AddAssembly(typeof(ZoneDescriptor).Assembly)
                .AddAssembly(typeof(ResourceVector).Assembly))
            .BuildServiceProvider();
        _serializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>());
    }

    /// <summary>The stored last sequence of every zone in <paramref name="zoneIds"/> (0 for a zone with no row), in one query.</summary>
    public async Task<Dictionary<string, ulong>> LastSequencesAsync(string connectionString, IReadOnlyCollection<string> zoneIds)
    {
        var result = zoneIds.ToDictionary(z => z, _ => 0UL, StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id_ext, payload FROM orleans_grain_state WHERE grain_type = 'zone' AND payload IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            var zone = zoneIds.FirstOrDefault(z => key == z || key.EndsWith("/" + z, StringComparison.Ordinal));
            if (zone is null)
            {
                continue;
            }

            var state = _serializer.Deserialize<ZoneState>(new BinaryData((byte[])reader.GetValue(1)));
            result[zone] = state?.LastSequence ?? 0;
        }

        return result;
    }

    public void Dispose() => _services.Dispose();
}
