using System.Collections.Concurrent;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Studies;

public sealed class ConcurrencyTests
{
    [Fact]
    public void ParallelAskAndTellLoseAndDuplicateNothing()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, ConstantLiar = true }) });
        const int threads = 8, perThread = 60;
        var numbers = new ConcurrentBag<int>();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                var trial = study.Ask();
                var x = trial.SuggestFloat("x", -1, 1);
                numbers.Add(trial.Number);
                if (i % 10 == 9) study.Tell(trial.Number, TrialState.Fail);
                else study.Tell(trial, x * x + w);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        Assert.Equal(Enumerable.Range(0, threads * perThread), numbers.OrderBy(n => n));
        Assert.Equal(threads * perThread, study.Trials.Count);
        Assert.Equal(threads * perThread * 9 / 10, study.CompleteTrials.Count);
        Assert.Equal(Enumerable.Range(0, threads * perThread).Where(n => study.Trials[n].State == TrialState.Complete), study.CompleteTrials.Select(t => t.Number));
        Assert.Equal(study.CompleteTrials.Min(t => t.Value), study.BestValue);
    }

    [Fact]
    public void ConcurrentTellsOfOneTrialFinishItOnce()
    {
        var study = Study.Create(new StudyOptions { Seed = 0 });
        for (var round = 0; round < 50; round++)
        {
            var trial = study.Ask();
            var successes = 0;
            Parallel.For(0, 4, _ =>
            {
                try
                {
                    study.Tell(trial.Number, 1.0);
                    Interlocked.Increment(ref successes);
                }
                catch (ArgumentException)
                {
                    // Expected for all but one caller.
                }
            });
            Assert.Equal(1, successes);
        }
        Assert.Equal(50, study.CompleteTrials.Count);
    }

    [Fact]
    public void ParallelOptimizeRunsExactlyTheBudget()
    {
        var study = Study.Create(new StudyOptions { Seed = 3 });
        study.Optimize(TestFunctions.BraninObjective, nTrials: 120, parallelism: 6);
        Assert.Equal(120, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }
}
