using CloudGov.Proto.Agent.V1;
using System.Collections.Concurrent;
using CloudGov.Testing.Tls;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudGov.Testing;

/// <summary>
/// Many hand-driven agent streams (<see cref="RawAgentStream"/>) spread over a few channels, each channel allowed to
/// open more HTTP/2 connections when one reaches the server's concurrent-stream limit (Kestrel: 100 per connection).
/// For connection bursts of thousands of zones without thousands of agent processes. To an https:// agent endpoint
/// each zone gets its own mutual-TLS channel with its own certificate (a connection proves one zone), so the fleet
/// pays one handshake per zone, as real agents do.
/// </summary>
public sealed class RawAgentFleet : IAsyncDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly AgentService.AgentServiceClient[] _clients;
    private readonly List<RawAgentStream> _streams = [];
    private readonly ConcurrentDictionary<string, GrpcChannel> _zoneChannels = new(StringComparer.Ordinal);
    private readonly Uri _address;
    private readonly TestCertificates? _certificates;

    /// <summary>
    /// A fleet talking to <paramref name="address"/>: over <paramref name="channels"/> shared plaintext channels for
    /// http://, or one mutual-TLS channel per zone with certificates from <paramref name="certificates"/> (default
    /// <see cref="TestCertificates.Shared"/>) for https://.
    /// </summary>
    public RawAgentFleet(Uri address, int channels = 8, TestCertificates? certificates = null)
    {
        _address = address;
        _certificates = address.Scheme == Uri.UriSchemeHttps ? certificates ?? TestCertificates.Shared : null;
        channels = _certificates is null ? channels : 0;
        _channels = [.. Enumerable.Range(0, channels).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        }))];
        _clients = [.. _channels.Select(c => new AgentService.AgentServiceClient(c))];
    }

    /// <summary>The streams opened so far.</summary>
    public IReadOnlyList<RawAgentStream> Streams
    {
        get
        {
            lock (_streams)
            {
                return [.. _streams];
            }
        }
    }

    /// <summary>The zone ids <c>{prefix}-00000</c>, <c>{prefix}-00001</c>, … (valid zone slugs).</summary>
    public static IReadOnlyList<string> ZoneIds(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}")];

    /// <summary>
    /// Opens a stream per zone (all at once, at most <paramref name="parallel"/> Hellos in flight), then sends each a
    /// report with <paramref name="sequence"/> listing <paramref name="workloads"/> (none by default); returns the streams, which stay open until the fleet is disposed.
    /// </summary>
    public async Task<IReadOnlyList<RawAgentStream>> ConnectAsync(IReadOnlyList<string> zoneIds, ulong sequence, int parallel = 1_000, string[]? workloads = null, CancellationToken cancellationToken = default)
    {
        var opened = new RawAgentStream[zoneIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, zoneIds.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var client = _certificates is { } certificates
                ? new AgentService.AgentServiceClient(_zoneChannels.GetOrAdd(zoneIds[i], z => certificates.AgentChannel(_address, z)))
                : _clients[i % _clients.Length];
            var stream = await ConnectWithRetryAsync(client, zoneIds[i], ct);
            lock (_streams)
            {
                _streams.Add(stream);
            }

            await stream.ReportAsync(sequence, workloads: workloads ?? []);
            opened[i] = stream;
        });
        return opened;
    }

    /// <summary>
    /// Opens a zone's stream, trying again (up to five times, 0.2 s, 0.4 s, … apart) when the connection could not be set up
    /// (UNAVAILABLE), as an agent's reconnect policy does: on a loaded machine a burst of handshakes may time out.
    /// </summary>
    private static async Task<RawAgentStream> ConnectWithRetryAsync(AgentService.AgentServiceClient client, string zoneId, CancellationToken cancellationToken)
    {
        const int Attempts = 5;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await RawAgentStream.ConnectAsync(client, zoneId, cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Ends every stream and the channels.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Streams.Select(s => s.DisposeAsync().AsTask()));
        lock (_streams)
        {
            _streams.Clear();
        }

        foreach (var channel in _channels.Concat(_zoneChannels.Values))
        {
            channel.Dispose();
        }
    }
}
