namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>One cpu silo plus one silo without devices (the "no worker role" silo), shared by a test collection.</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    private ServiceCluster? _cluster;

    public ServiceCluster Service => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync() =>
        _cluster = await ServiceCluster.StartAsync([new SiloSetup("cpu"), new SiloSetup("none")]);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
