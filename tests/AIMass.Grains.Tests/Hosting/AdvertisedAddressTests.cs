using System.Net;
using System.Net.NetworkInformation;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace AIMass.Grains.Tests.Hosting;

/// <summary>What a scaled-out silo advertises, and that it will not start without the cluster's certificate.</summary>
public sealed class AdvertisedAddressTests
{
    [Fact]
    public void The_configured_address_wins_then_the_pods()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), AdvertisedAddress.Resolve("10.1.2.3", "10.9.9.9"));
        Assert.Equal(IPAddress.Parse("10.9.9.9"), AdvertisedAddress.Resolve(null, "10.9.9.9"));
        Assert.Equal(IPAddress.Parse("10.9.9.9"), AdvertisedAddress.Resolve(" ", "10.9.9.9"));
    }

    [Fact]
    public void Unset_it_is_an_address_of_an_up_interface_and_never_loopback()
    {
        var interfaces = NetworkInterface.GetAllNetworkInterfaces();
        var expected = AdvertisedAddress.FirstRoutable(interfaces);
        if (expected is null)
        {
            Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.Resolve(null, null));
            return;
        }
        var resolved = AdvertisedAddress.Resolve(null, null);
        Assert.Equal(expected, resolved);
        Assert.False(IPAddress.IsLoopback(resolved));
        Assert.Contains(interfaces.Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address), a => a.Equals(resolved));
        Assert.Null(AdvertisedAddress.FirstRoutable(interfaces.Where(i => i.NetworkInterfaceType == NetworkInterfaceType.Loopback)));
    }

    [Fact]
    public void A_scaled_out_silo_without_a_certificate_does_not_start_and_says_which_setting()
    {
        var options = new AIMassOptions
        {
            Storage = StorageKind.AzureStorage,
            AzureStorageConnectionString = "UseDevelopmentStorage=true",
            AdvertisedAddress = "127.0.0.1",
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseOrleans(silo => silo.UseAIMassClustering(options)));
        Assert.Contains("AIMass:Tls:CertificatePath is required in scaled-out mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_silos_open_no_gateway_unless_configured_and_scaled_out_ones_default_to_30000()
    {
        Assert.Equal(0, new AIMassOptions().EffectiveGatewayPort);
        Assert.Equal(30001, new AIMassOptions { GatewayPort = 30001 }.EffectiveGatewayPort);
        Assert.Equal(30000, new AIMassOptions { Storage = StorageKind.AzureStorage }.EffectiveGatewayPort);
        Assert.Contains(new AIMassOptions { AdvertisedAddress = "silo-a.local" }.Validate(), e => e.Contains("AIMass:AdvertisedAddress", StringComparison.Ordinal));
    }
}
