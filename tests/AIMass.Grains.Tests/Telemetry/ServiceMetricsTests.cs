using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AIMass.Grains.Studies;
using AIMass.Grains.Telemetry;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Telemetry;

[Collection(ClusterCollection.Name)]
public sealed class ServiceMetricsTests(SharedCluster shared)
{
    [Fact]
    public async Task A_study_moves_the_trial_counters_and_the_queue_gauge_names_its_tenant()
    {
        var counts = new ConcurrentDictionary<string, long>();
        var gaugeTenants = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServiceMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "tenant") gaugeTenants.Add((string)tag.Value!);
        });
        listener.Start();

        var service = shared.Service;
        await service.CreateTenantAsync("metered");
        await service.UploadAsync("metered", "iris", TestSamples.Bytes("iris.csv"), target: "species");
        await service.CreateStudyAsync("metered", "s", new StudySpec
        {
            Name = "m", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = 2 }, MaxEpochsPerTrial = 3, Pruner = "none", Distill = false,
        });
        await service.WaitForStudyAsync("metered", "s", TimeSpan.FromMinutes(2));
        listener.RecordObservableInstruments();

        Assert.True(counts.GetValueOrDefault("aimass.trials.queued") >= 2);
        Assert.True(counts.GetValueOrDefault("aimass.trials.started") >= 2);
        Assert.True(counts.GetValueOrDefault("aimass.trials.finished") >= 2);
        Assert.Contains("metered", gaugeTenants);
    }
}
