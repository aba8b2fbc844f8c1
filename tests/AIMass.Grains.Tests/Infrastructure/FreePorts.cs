using System.Net;
using System.Net.Sockets;

namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>Loopback ports nobody listens on, so parallel test runs cannot collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port.</summary>
    public static async Task WaitForListenerAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"Nothing listens on port {port} after {timeout}. {diagnostics?.Invoke()}", e);
            }
        }
    }
}
