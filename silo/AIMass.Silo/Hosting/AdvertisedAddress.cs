using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace AIMass.Silo.Hosting;

/// <summary>The address a scaled-out silo publishes in the membership table, so silos and clients on other hosts reach it.</summary>
public static class AdvertisedAddress
{
    /// <summary>
    /// <paramref name="configured"/> (<c>AIMass:AdvertisedAddress</c>), else the pod's IP (<c>POD_IP</c>), else the
    /// first non-loopback IPv4 address of an interface that is up; never loopback unless configured so.
    /// </summary>
    public static IPAddress Resolve(string? configured, string? podIp)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return IPAddress.Parse(configured);
        if (!string.IsNullOrWhiteSpace(podIp) && IPAddress.TryParse(podIp, out var pod)) return pod;
        return FirstRoutable(NetworkInterface.GetAllNetworkInterfaces())
            ?? throw new InvalidOperationException(
                "No routable address to advertise: this host has no non-loopback IPv4 address on an interface that is up; set AIMass:AdvertisedAddress");
    }

    /// <summary>The first IPv4 unicast address, in interface order, of an up, non-loopback interface.</summary>
    public static IPAddress? FirstRoutable(IEnumerable<NetworkInterface> interfaces) =>
        interfaces
            .Where(i => i.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !a.Equals(IPAddress.Any));
}
