using System.Net;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>Checks the control-plane settings.</summary>
internal sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"ControlPlane:ListenAddress '{options.ListenAddress}' is not an IP address.");
        }

        if (options.GrpcPort is < 0 or > 65535)
        {
            failures.Add($"ControlPlane:GrpcPort {options.GrpcPort} must be between 0 and 65535.");
        }

        if (options.HttpPort is < 0 or > 65535)
        {
            failures.Add($"ControlPlane:HttpPort {options.HttpPort} must be between 0 and 65535.");
        }

        if (options.GrpcPort != 0 && options.GrpcPort == options.HttpPort)
        {
            failures.Add("ControlPlane:GrpcPort and ControlPlane:HttpPort must differ (gRPC is HTTP/2 only, /metrics HTTP/1.1).");
        }

        AgentIdentity.AgentIdentityOptionsCheck.AddFailures(options, failures);

        if (options.MaxReceiveMessageBytes is < 64 * 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"ControlPlane:MaxReceiveMessageBytes {options.MaxReceiveMessageBytes} must be between 65536 and 67108864.");
        }

        if (options.MaxAgentCallsInFlight is < 0 or > 100_000)
        {
            failures.Add($"ControlPlane:MaxAgentCallsInFlight {options.MaxAgentCallsInFlight} must be 0 (unbounded) or between 1 and 100000.");
        }

        if (options.MaxAgentHandshakesInFlight is < 0 or > 1_000)
        {
            failures.Add($"ControlPlane:MaxAgentHandshakesInFlight {options.MaxAgentHandshakesInFlight} must be 0 (unbounded) or between 1 and 1000.");
        }

        if (options.TransportIOQueueCount is < 0 or > 64)
        {
            failures.Add($"ControlPlane:TransportIOQueueCount {options.TransportIOQueueCount} must be 0 (straight to the thread pool) or between 1 and 64, or unset (Kestrel's default).");
        }

        if (options.OperatorPriorityPause < TimeSpan.Zero || options.OperatorPriorityPause > TimeSpan.FromSeconds(1))
        {
            failures.Add($"ControlPlane:OperatorPriorityPause {options.OperatorPriorityPause} must be between 0 (off) and 1 s.");
        }

        if (options.StalenessSweepInterval < TimeSpan.FromMilliseconds(100) || options.StalenessSweepInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"ControlPlane:StalenessSweepInterval {options.StalenessSweepInterval} must be between 100 ms and 10 min.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
