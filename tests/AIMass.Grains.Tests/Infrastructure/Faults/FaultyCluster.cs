using AIMass.Grains.Artifacts;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Grains.Tests.Infrastructure.Faults;

/// <summary>
/// One cpu silo whose trial-end reports and artifact writes can be made to fail on demand (<see cref="TrialEndFaults"/>,
/// <see cref="FaultyArtifactStore"/>); everything else is the real service. Shared by the <see cref="FaultCollection"/>.
/// </summary>
public sealed class FaultyCluster : IAsyncLifetime
{
    private ServiceCluster? _cluster;

    public TrialEndFaults TrialEnds { get; } = new();

    public FaultyArtifactStore Artifacts { get; private set; } = null!;

    public ServiceCluster Service => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync() =>
        _cluster = await ServiceCluster.StartAsync([new SiloSetup("cpu")], services: services =>
        {
            services.AddSingleton<IIncomingGrainCallFilter>(TrialEnds);
            var real = (IArtifactStore)services.Last(d => d.ServiceType == typeof(IArtifactStore)).ImplementationInstance!;
            Artifacts = new FaultyArtifactStore(real);
            services.AddSingleton<IArtifactStore>(Artifacts);
        });

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
