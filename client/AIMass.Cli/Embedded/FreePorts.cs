using System.Net;
using System.Net.Sockets;

namespace AIMass.Cli.Embedded;

/// <summary>Finds loopback ports nobody listens on, so an embedded service never collides with a running one.</summary>
public static class FreePorts
{
    /// <summary>Distinct free TCP ports on the loopback interface.</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
