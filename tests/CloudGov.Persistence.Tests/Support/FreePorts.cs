using System.Net;
using System.Net.Sockets;

namespace CloudGov.Persistence.Tests.Support;

internal static class FreePorts
{
    /// <summary>Distinct free loopback ports (held open together while chosen, so they cannot repeat).</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
