using AIMass.Grains.Hosting;
using AIMass.Grains.Studies;
using AIMass.Grains.Studies.Persistence;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Optimization;
using AIMass.Optimization.Pruners;
using AIMass.Optimization.Samplers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace AIMass.Grains.Tests.Studies.Persistence;

/// <summary>
/// A study's trials live in pages of their own through the cluster's real state store: they come back whole, a
/// write after hundreds of trials stores only the page that changed, and pages written before a crash are kept.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StudyTrialPagesTests(SharedCluster shared)
{
    private const int Trials = 600;

    [Fact]
    public async Task Trials_round_trip_and_a_later_write_stores_only_the_changed_page()
    {
        var storage = new CountingStorage(Storage());
        var key = $"pages/{Guid.NewGuid():N}";
        var (state, optimizer) = Study(Trials);
        state.Trials[Trials - 1] = state.Trials[Trials - 1] with { Status = TrialStatus.Running };

        var pages = await new StudyTrialPages(storage, key).SaveAsync(state, optimizer);
        Assert.Equal((Trials + StudyTrialPages.PageSize - 1) / StudyTrialPages.PageSize, pages);
        Assert.Equal(pages, storage.Writes);

        var restored = new StudyState { OptimizerSnapshot = optimizer.ToSnapshot(_ => false).ToJson() };
        var reader = new StudyTrialPages(storage, key);
        await reader.LoadAsync(restored);
        Assert.Equal(state.Trials.Keys, restored.Trials.Keys);
        Assert.All(restored.Trials.Values, t => Assert.Equal((t.Number / 1000.0, "0.01"), (t.Value!.Value, t.Params["lr"])));
        Assert.Equal(optimizer.ToSnapshot().ToJson(), restored.OptimizerSnapshot);

        // The running trial ends (and one more is asked, landing in the same last page): one page is written, not all.
        var resumed = Optimization.Study.FromSnapshot(StudySnapshot.FromJson(restored.OptimizerSnapshot), new RandomSampler(1), new NopPruner());
        restored.Trials[Trials - 1] = restored.Trials[Trials - 1] with { Status = TrialStatus.Complete, Reason = "changed" };
        resumed.Tell(resumed.Ask(), 0.5);
        restored.Trials[Trials] = Summary(Trials);
        storage.Writes = 0;
        await reader.SaveAsync(restored, resumed);
        Assert.Equal(1, storage.Writes);

        // Nothing changed: nothing is written.
        storage.Writes = 0;
        await reader.SaveAsync(restored, resumed);
        Assert.Equal(0, storage.Writes);

        var again = new StudyState { OptimizerSnapshot = resumed.ToSnapshot(_ => false).ToJson() };
        await new StudyTrialPages(storage, key).LoadAsync(again);
        Assert.Equal("changed", again.Trials[Trials - 1].Reason);
        Assert.Equal(Trials + 1, again.Trials.Count);
        Assert.Equal(resumed.ToSnapshot().ToJson(), again.OptimizerSnapshot);
    }

    [Fact]
    public async Task Pages_written_before_a_crash_win_over_a_study_record_that_still_holds_its_trials()
    {
        var storage = Storage();
        var key = $"pages/{Guid.NewGuid():N}";
        var (state, optimizer) = Study(10);
        await new StudyTrialPages(storage, key).SaveAsync(state, optimizer);

        // The record as a study stored before pages (or before this write) left it: trials inside, one of them older.
        var record = new StudyState { OptimizerSnapshot = optimizer.ToSnapshot().ToJson(), Trials = new SortedDictionary<int, TrialSummary>(state.Trials) };
        record.Trials[3] = record.Trials[3] with { Status = TrialStatus.Running };
        await new StudyTrialPages(storage, key).LoadAsync(record);

        Assert.Equal(TrialStatus.Complete, record.Trials[3].Status);
        Assert.Equal(optimizer.ToSnapshot().ToJson(), record.OptimizerSnapshot);
    }

    [Fact]
    public async Task A_study_stored_in_pages_of_256_before_sizes_were_recorded_keeps_them()
    {
        var storage = new CountingStorage(Storage());
        var key = $"pages/{Guid.NewGuid():N}";
        var (state, optimizer) = Study(Trials);
        for (var index = 0; index * StudyTrialPages.LegacyPageSize < Trials; index++)
        {
            var (first, last) = (index * StudyTrialPages.LegacyPageSize, (index + 1) * StudyTrialPages.LegacyPageSize);
            var legacy = new GrainState<StudyTrialPage>(new StudyTrialPage
            {
                Trials = new SortedDictionary<int, TrialSummary>(state.Trials.Where(t => t.Key >= first && t.Key < last).ToDictionary()),
                Optimizer = optimizer.ToSnapshot(n => n >= first && n < last).ToJson(),
            });
            await storage.WriteStateAsync("study-trials", GrainId.Create("study-trials", $"{key}/{index}"), legacy);
        }

        var restored = new StudyState { OptimizerSnapshot = optimizer.ToSnapshot(_ => false).ToJson() };
        var pages = new StudyTrialPages(storage, key);
        await pages.LoadAsync(restored);
        Assert.Equal(Trials, restored.Trials.Count);

        // Trial 600 lands in the third page of 256 (index 2), not in a page of the new size.
        var resumed = Optimization.Study.FromSnapshot(StudySnapshot.FromJson(restored.OptimizerSnapshot), new RandomSampler(1), new NopPruner());
        resumed.Tell(resumed.Ask(), 0.5);
        restored.Trials[Trials] = Summary(Trials);
        storage.Keys.Clear();
        Assert.Equal(3, await pages.SaveAsync(restored, resumed));
        Assert.Equal([$"study-trials/{key}/2"], storage.Keys);

        var again = new StudyState { OptimizerSnapshot = resumed.ToSnapshot(_ => false).ToJson() };
        await new StudyTrialPages(storage, key).LoadAsync(again);
        Assert.Equal(Trials + 1, again.Trials.Count);
        Assert.Equal(resumed.ToSnapshot().ToJson(), again.OptimizerSnapshot);
    }

    private IGrainStorage Storage()
    {
        var silo = shared.Service.Cluster.Silos[0];
        return shared.Service.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
    }

    private static (StudyState State, Optimization.Study Optimizer) Study(int trials)
    {
        var optimizer = Optimization.Study.Create(new StudyOptions { StudyName = "paged", Direction = StudyDirection.Maximize, Sampler = new RandomSampler(7), Seed = 7 });
        var state = new StudyState();
        for (var n = 0; n < trials; n++)
        {
            var trial = optimizer.Ask();
            optimizer.Tell(trial, trial.SuggestFloat("lr", 1e-4, 1e-1, log: true));
            state.Trials[n] = Summary(n);
        }
        return (state, optimizer);
    }

    private static TrialSummary Summary(int number) => new()
    {
        Number = number, Status = TrialStatus.Complete, Value = number / 1000.0, Params = new() { ["lr"] = "0.01" },
    };

    /// <summary>The real store, counting the writes of trial pages.</summary>
    private sealed class CountingStorage(IGrainStorage inner) : IGrainStorage
    {
        public int Writes { get; set; }

        public List<string> Keys { get; } = [];

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Writes++;
            Keys.Add(grainId.ToString());
            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
