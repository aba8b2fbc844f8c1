using System.Runtime.ExceptionServices;

namespace AIMass.Optimization;

public sealed partial class Study
{
    /// <summary>
    /// Runs a single-objective objective for <paramref name="nTrials"/> trials (all workers together) or until
    /// <paramref name="timeout"/>, <see cref="Stop"/> or cancellation, on <paramref name="parallelism"/> threads.
    /// A NaN result is a failed trial; <see cref="TrialPrunedException"/> makes a pruned trial; any other exception
    /// fails the trial, stops the run and is rethrown. Cancellation throws <see cref="OperationCanceledException"/>
    /// after the running trials have been told.
    /// </summary>
    public void Optimize(Func<Trial, double> objective, int? nTrials = null, TimeSpan? timeout = null, int parallelism = 1,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (IsMultiObjective)
        {
            throw new InvalidOperationException($"The study has {Directions.Count} objectives; pass an objective that returns double[].");
        }
        OptimizeCore(t => [objective(t)], nTrials, timeout, parallelism, ct);
    }

    /// <summary>The multi-objective form: the objective returns one value per direction (a wrong count fails the trial).</summary>
    public void Optimize(Func<Trial, double[]> objective, int? nTrials = null, TimeSpan? timeout = null, int parallelism = 1,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        OptimizeCore(objective, nTrials, timeout, parallelism, ct);
    }

    private void OptimizeCore(Func<Trial, double[]> objective, int? nTrials, TimeSpan? timeout, int parallelism, CancellationToken ct)
    {
        if (nTrials is < 1) throw new ArgumentOutOfRangeException(nameof(nTrials), nTrials, "The number of trials must be at least 1.");
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        if (parallelism < 1) throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "Parallelism must be at least 1.");
        ct.ThrowIfCancellationRequested();
        _stopRequested = false;
        var run = new OptimizeRun(this, objective, nTrials, timeout, ct);
        if (parallelism == 1)
        {
            run.Work();
        }
        else
        {
            var threads = new Thread[parallelism];
            for (var i = 0; i < threads.Length; i++)
            {
                threads[i] = new Thread(run.Work) { IsBackground = true, Name = $"{StudyName}-worker-{i}" };
                threads[i].Start();
            }
            foreach (var thread in threads) thread.Join();
        }
        run.Error?.Throw();
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>One call of Optimize: the shared budget and the first error.</summary>
    private sealed class OptimizeRun(Study study, Func<Trial, double[]> objective, int? nTrials, TimeSpan? timeout, CancellationToken ct)
    {
        private readonly long _start = study.TimeProvider.GetTimestamp();
        private int _started;
        private volatile bool _halt;

        public ExceptionDispatchInfo? Error { get; private set; }

        public void Work()
        {
            while (!_halt && !study._stopRequested && !ct.IsCancellationRequested)
            {
                if (timeout is { } limit && study.TimeProvider.GetElapsedTime(_start) >= limit) break;
                if (nTrials is { } n && Interlocked.Increment(ref _started) > n) break;
                try
                {
                    RunOne();
                }
                catch (Exception e)
                {
                    // Telling failed (a sampler's AfterTrial threw, say): stop the run and rethrow it from Optimize.
                    Fail(e);
                }
            }
        }

        private void RunOne()
        {
            Trial trial;
            try
            {
                trial = study.Ask();
            }
            catch (Exception e)
            {
                Fail(e);
                return;
            }
            double[] values;
            try
            {
                values = objective(trial);
            }
            catch (TrialPrunedException)
            {
                study.Tell(trial.Number, TrialState.Pruned);
                return;
            }
            catch (Exception e)
            {
                study.Storage.SetTrialSystemAttribute(trial.Number, FailReasonKey, $"{e.GetType().Name}: {e.Message}");
                study.Tell(trial.Number, TrialState.Fail);
                Fail(e);
                return;
            }
            if (values is null || values.Length != study.Directions.Count)
            {
                study.Storage.SetTrialSystemAttribute(trial.Number, FailReasonKey,
                    $"The objective returned {values?.Length ?? 0} value(s); the study has {study.Directions.Count} objective(s).");
                study.Tell(trial.Number, TrialState.Fail);
                return;
            }
            study.Tell(trial.Number, values);
        }

        private void Fail(Exception e)
        {
            lock (this)
            {
                Error ??= ExceptionDispatchInfo.Capture(e);
            }
            _halt = true;
        }
    }
}
