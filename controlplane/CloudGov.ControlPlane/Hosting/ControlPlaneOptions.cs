namespace CloudGov.ControlPlane.Hosting;

/// <summary>Where the control plane listens and how it treats its callers. Bound from the <c>ControlPlane</c> section.</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "ControlPlane";

    /// <summary>The address both endpoints bind to. Default 127.0.0.1; use 0.0.0.0 to serve other machines.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The gRPC port (HTTP/2: agents, operations API, health, reflection). Default 5100; 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = 5100;

    /// <summary>
    /// The agent port (HTTP/2 over TLS with a required client certificate from the CloudGov CA): serves only
    /// AgentService. Default 5101; 0 picks a free port. See <see cref="AgentCertificateDirectory"/>.
    /// </summary>
    public int AgentPort { get; set; } = 5101;

    /// <summary>
    /// The certificate directory made by <c>certs init-ca</c>: the host reads <c>ca.crt</c> (the only CA its agents'
    /// certificates may chain to), <c>server.crt</c>/<c>server.key</c> and <c>revoked.txt</c>, re-reading each on change.
    /// Required unless <see cref="AllowPlaintextAgents"/> is on (then, when empty, there is no agent port).
    /// </summary>
    public string AgentCertificateDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Development only: also accept agents in plaintext on the gRPC port, each taken at its word for its zone. Logs a
    /// warning at start. Default false.
    /// </summary>
    public bool AllowPlaintextAgents { get; set; }

    /// <summary>The HTTP port (HTTP/1.1: /metrics, /healthz). Default 5080; 0 picks a free port.</summary>
    public int HttpPort { get; set; } = 5080;

    /// <summary>The largest gRPC message accepted, in bytes; larger ones get ResourceExhausted. Default 4 MiB; 64 KiB to 64 MiB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How many agent registrations and reports this host has with the zone grains at once, over all streams; the rest
    /// wait their turn in arrival order. Keeps a reconnect burst from starving operators' calls and health probes.
    /// Default 32; 0 (unbounded) or 1 to 100,000.
    /// </summary>
    public int MaxAgentCallsInFlight { get; set; } = 32;

    /// <summary>
    /// How many TLS handshakes the agent endpoint runs at once; the other connecting agents wait (without a thread) in
    /// arrival order before their handshake starts. A reconnect burst of thousands of mutual-TLS handshakes then takes the
    /// CPU a few at a time instead of all at once, so an operator's call or a health probe is served between them.
    /// Default 2; 0 (unbounded) or 1 to 1,000.
    /// </summary>
    public int MaxAgentHandshakesInFlight { get; set; } = 2;

    /// <summary>
    /// How many I/O queues Kestrel's socket transport runs (<c>SocketTransportOptions.IOQueueCount</c>). Each queue runs
    /// the I/O callbacks of its share of the connections (every endpoint's) one after another, so a TLS handshake
    /// continuing inside one delays every other connection on that queue, the operator's too. 0 hands each callback
    /// straight to the thread pool. Unset keeps Kestrel's default (the core count, at most 16); 0 to 64.
    /// </summary>
    public int? TransportIOQueueCount { get; set; }

    /// <summary>
    /// Operators first: while an operator's call or a health probe is in flight on this host, an agent handshake or
    /// registration that has just taken its admission slot (<see cref="MaxAgentHandshakesInFlight"/>,
    /// <see cref="MaxAgentCallsInFlight"/>) waits until none is — at most this long, so agents are slowed, never
    /// starved, by an operator calling back to back. Default 0 (off); 0 to 1 s.
    /// </summary>
    public TimeSpan OperatorPriorityPause { get; set; } = TimeSpan.Zero;

    /// <summary>How often the staleness sweep runs. Default 5 s; 100 ms to 10 min.</summary>
    public TimeSpan StalenessSweepInterval { get; set; } = TimeSpan.FromSeconds(5);
}
