using Grpc.Core;

namespace CloudGov.Cli;

/// <summary>
/// The exit codes of <c>cloudgov</c> (README, "Command line"): 0 success; 1 the command ran but its outcome is a failure
/// (a watched plan that did not complete, an audit chain that is broken); 2 a usage error (bad arguments, no context,
/// an unreadable token or config file), found before anything is sent; 10 + the gRPC status code when the control
/// plane refused or could not be reached (13 INVALID_ARGUMENT, 15 NOT_FOUND, 17 PERMISSION_DENIED, 24 UNAVAILABLE,
/// 26 UNAUTHENTICATED, …).
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran, and what it found is a failure (plan not completed, audit chain broken).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or local configuration; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Added to the gRPC status code.</summary>
    public const int RpcBase = 10;

    /// <summary>The exit code for a call that ended with <paramref name="status"/>.</summary>
    public static int ForStatus(StatusCode status) => status == StatusCode.OK ? Success : RpcBase + (int)status;
}
