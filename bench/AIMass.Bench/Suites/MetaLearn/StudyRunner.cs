using System.Runtime.InteropServices;
using AIMass.Grains.Studies;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Optimization;
using AIMass.Optimization.MetaLearning;
using AIMass.Silo.Jobs;
using AIMass.Trainer.Jobs;
using AIMass.Training;
using AIMass.Training.Data;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// Runs one study the way the service does, one trial at a time: the service's default search space for the task
/// (<see cref="DefaultSearchSpaces.For"/>), the optimization core's TPE sampler and the service's default median pruner,
/// parameters drawn with <see cref="SearchSpaceSampler.Sample"/>, each trial trained by <see cref="TrainingPipeline.Run"/>
/// with the service's seeds (trial seed <c>studySeed * 7919 + trial number</c>, the task's fixed split seed), one
/// thread, on the CPU, every epoch reported to the pruner. With warm configurations and a <see cref="WarmStartPolicy"/>,
/// each configuration is adapted to the space (<see cref="WarmConfigurationAdapter"/>) and enqueued just before the
/// trial the policy gives it, so TPE's own proposals fill the other slots. With <c>quietGc</c> (one study at a time),
/// each run trains inside a no-GC region (<see cref="QuietGarbageCollector"/>). A native libtorch error starts the run
/// again (at most <see cref="MaxAttempts"/> tries).
/// </summary>
internal sealed class StudyRunner(TrialCache cache, int maxEpochs, bool quietGc)
{
    /// <summary>How often one training run is tried when libtorch raises a native error.</summary>
    public const int MaxAttempts = 3;

    private int _nativeRetries;

    public int MaxEpochs { get; } = maxEpochs;

    /// <summary>Training runs started again after a native libtorch error (see <see cref="MaxAttempts"/>).</summary>
    public int NativeRetries => Volatile.Read(ref _nativeRetries);

    public SearchSpace SpaceFor(MetaTask task) => DefaultSearchSpaces.For(task.Task, task.WireImage, task.Table.RowCount, MaxEpochs);

    public IReadOnlyList<TrialRecord> Run(MetaTask task, int studySeed, int trials,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? warm = null, WarmStartPolicy? policy = null, CancellationToken ct = default)
    {
        warm ??= [];
        var space = SpaceFor(task);
        var study = Study.Create(new StudyOptions
        {
            StudyName = $"{task.Id}/{studySeed}",
            Direction = StudyDirection.Maximize,
            Sampler = SamplerCatalog.Create(SamplerCatalog.DefaultName, studySeed),
            Pruner = PrunerCatalog.Create("median"),
            Seed = studySeed,
        });
        var records = new List<TrialRecord>(trials);
        var warmUsed = 0;
        for (var index = 0; index < trials; index++)
        {
            ct.ThrowIfCancellationRequested();
            var isWarm = policy is not null && policy.IsWarmSlot(index, warmUsed, warm.Count, trials);
            if (isWarm) study.EnqueueTrial(WarmConfigurationAdapter.Adapt(warm[warmUsed++], space), new Dictionary<string, object?> { ["warm_start"] = true });
            var trial = study.Ask();
            Dictionary<string, string> values;
            try
            {
                values = SearchSpaceSampler.Sample(trial, space);
            }
            catch (ArgumentException e)
            {
                study.Tell(trial, TrialState.Fail);
                records.Add(new TrialRecord(trial.Number, isWarm, new Dictionary<string, string>(), TrialState.Fail, double.NaN, [], false, e.Message));
                continue;
            }
            var record = Train(task, trial, values, unchecked(studySeed * 7919 + trial.Number), isWarm, ct);
            if (record.State == TrialState.Complete) study.Tell(trial, record.Score);
            else study.Tell(trial, record.State);
            records.Add(record);
        }
        return records;
    }

    private TrialRecord Train(MetaTask task, Trial trial, Dictionary<string, string> values, int seed, bool warm, CancellationToken ct)
    {
        var key = $"{task.Id}|{task.SplitSeed}|{seed}|{MaxEpochs}|{KnowledgeEntry.ParameterKey(values)}";
        var cached = cache.Get(key);
        if (cached?.Error is { } error) return new TrialRecord(trial.Number, warm, values, TrialState.Fail, double.NaN, [], false, error);
        var reported = 0;
        if (cached is not null)
        {
            foreach (var value in cached.Curve)
            {
                if (!double.IsFinite(value)) break;
                trial.Report(value, ++reported);
                if (trial.ShouldPrune()) return Finish(TrialState.Pruned, cached.Curve[..reported].Max(), cached.Curve[..reported], trained: false);
            }
            if (cached.Complete) return Finish(TrialState.Complete, cached.Score, cached.Curve, trained: false);
        }

        var curve = new List<double>();
        var pruned = false;
        TrainingOutcome? outcome = null;
        for (var attempt = 1; outcome is null; attempt++)
        {
            curve.Clear();
            try
            {
                using var quiet = quietGc ? QuietGarbageCollector.Enter() : null;
                outcome = TrainingPipeline.Run(new TrainingRequest
                {
                    Data = task.Table,
                    Target = task.Target,
                    Task = task.Task == "regression" ? TaskKind.Regression : TaskKind.Classification,
                    Hyperparameters = ParameterValues.ToHyperparameters(values),
                    Seed = seed,
                    SplitSeed = task.SplitSeed,
                    Threads = 1,
                    Device = "cpu",
                    Image = task.Image,
                    MaxEpochs = MaxEpochs,
                }, report =>
                {
                    curve.Add(report.ValidationScore);
                    if (report.Epoch <= reported) return pruned && report.Epoch == reported ? EpochDecision.Stop : EpochDecision.Continue;
                    if (!double.IsFinite(report.ValidationScore)) return EpochDecision.Continue;
                    trial.Report(report.ValidationScore, report.Epoch);
                    reported = report.Epoch;
                    pruned = trial.ShouldPrune();
                    return pruned ? EpochDecision.Stop : EpochDecision.Continue;
                }, ct);
            }
            catch (Exception e) when (e is ArgumentException or DataValidationException)
            {
                cache.Put(key, new TrialCache.CachedRun([], false, double.NaN, e.Message));
                return new TrialRecord(trial.Number, warm, values, TrialState.Fail, double.NaN, [], true, e.Message);
            }
            catch (ExternalException e) when (attempt < MaxAttempts)
            {
                // A native libtorch error, seen intermittently (a TorchSharp Scalar or Tensor temporary can be finalised
                // while a native call still uses it). Training is deterministic, so the run starts again from scratch;
                // the epochs already reported are not reported twice.
                Interlocked.Increment(ref _nativeRetries);
                lock (cache) Console.Error.WriteLine($"retrying {task.Id} trial {trial.Number} after a native error (attempt {attempt}): {FirstLine(e.Message)}");
            }
            catch (ExternalException e)
            {
                return new TrialRecord(trial.Number, warm, values, TrialState.Fail, double.NaN, [], true, FirstLine(e.Message));
            }
        }
        var score = outcome.ValidationScore;
        if (!double.IsFinite(score))
        {
            cache.Put(key, new TrialCache.CachedRun([], false, double.NaN, "the validation score is not finite"));
            return new TrialRecord(trial.Number, warm, values, TrialState.Fail, double.NaN, curve.ToArray(), true, "the validation score is not finite");
        }
        // As in the service: pruned only when the verdict stopped training (boosted trees report once, at the end).
        pruned = pruned && outcome.StoppedByCallback;
        cache.Put(key, new TrialCache.CachedRun(curve.ToArray(), !pruned, score, null));
        return Finish(pruned ? TrialState.Pruned : TrialState.Complete, score, curve.ToArray(), trained: true);

        static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

        TrialRecord Finish(TrialState state, double value, double[] epochs, bool trained) =>
            new(trial.Number, warm, values, state, value, epochs, trained, null);
    }
}
