using AIMass.Optimization.Pruners;
using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Pruners;

/// <summary>Pruner decisions against hand-computed cases (Optuna's rules re-derived by hand).</summary>
public sealed class PrunerTests
{
    private static Study NewStudy(IPruner pruner, StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(new StudyOptions { StudyName = "pruning", Direction = direction, Pruner = pruner, Sampler = new RandomSampler(0) });

    /// <summary>Adds a complete trial whose intermediate values are <paramref name="curve"/> (steps 0..).</summary>
    private static void Complete(Study study, params double[] curve)
    {
        var t = study.Ask();
        for (var s = 0; s < curve.Length; s++) t.Report(curve[s], s);
        study.Tell(t, curve[^1]);
    }

    private static Trial Running(Study study, params double[] curve)
    {
        var t = study.Ask();
        for (var s = 0; s < curve.Length; s++) t.Report(curve[s], s);
        return t;
    }

    [Fact]
    public void MedianPrunesAboveTheMedianAtTheSameStep()
    {
        var study = NewStudy(new MedianPruner(nStartupTrials: 3));
        Complete(study, 10, 5, 1);
        Complete(study, 10, 6, 2);
        Complete(study, 10, 8, 3);
        // Step 1 values of complete trials: 5, 6, 8 -> median 6.
        Assert.True(Running(study, 10, 7).ShouldPrune());
        Assert.False(Running(study, 10, 6).ShouldPrune());
        // The trial's best value so far counts, not its latest: best 4 at step 0 beats the step-1 median.
        Assert.False(Running(study, 4, 9).ShouldPrune());
    }

    [Fact]
    public void MedianRespectsStartupWarmupAndInterval()
    {
        var startup = NewStudy(new MedianPruner(nStartupTrials: 3));
        Complete(startup, 1, 1);
        Complete(startup, 1, 1);
        Assert.False(Running(startup, 100, 100).ShouldPrune());

        var warmup = NewStudy(new MedianPruner(nStartupTrials: 1, nWarmupSteps: 2));
        Complete(warmup, 1, 1, 1, 1);
        Assert.False(Running(warmup, 100, 100).ShouldPrune());
        Assert.True(Running(warmup, 100, 100, 100).ShouldPrune());

        var interval = NewStudy(new MedianPruner(nStartupTrials: 1, intervalSteps: 2));
        Complete(interval, 1, 1, 1, 1);
        var t = interval.Ask();
        t.Report(100, 0);
        Assert.True(t.ShouldPrune());
        t.Report(100, 1);
        Assert.False(t.ShouldPrune()); // step 1 is not a checkpoint: 0 was already judged in this interval
        t.Report(100, 2);
        Assert.True(t.ShouldPrune());
    }

    [Fact]
    public void MedianForMaximizeMirrorsTheRule()
    {
        var study = NewStudy(new MedianPruner(nStartupTrials: 3), StudyDirection.Maximize);
        Complete(study, 5);
        Complete(study, 6);
        Complete(study, 8);
        Assert.True(Running(study, 5.5).ShouldPrune());
        Assert.False(Running(study, 6.5).ShouldPrune());
    }

    [Fact]
    public void PercentileInterpolatesLikeNumPy()
    {
        // 25th percentile of 1, 2, 3, 4, 5 is 2 (linear interpolation); minimising, values above it are pruned.
        var study = NewStudy(new PercentilePruner(25, nStartupTrials: 5));
        foreach (var v in new[] { 3.0, 1, 5, 2, 4 }) Complete(study, v);
        Assert.True(Running(study, 2.01).ShouldPrune());
        Assert.False(Running(study, 2.0).ShouldPrune());
        // 30th percentile: 1 + 0.3 * 4 = 2.2.
        var p30 = NewStudy(new PercentilePruner(30, nStartupTrials: 5));
        foreach (var v in new[] { 3.0, 1, 5, 2, 4 }) Complete(p30, v);
        Assert.False(Running(p30, 2.19).ShouldPrune());
        Assert.True(Running(p30, 2.21).ShouldPrune());
    }

    [Fact]
    public void NanIntermediateValuesArePruned()
    {
        var study = NewStudy(new MedianPruner(nStartupTrials: 1));
        Complete(study, 1);
        Assert.True(Running(study, double.NaN).ShouldPrune());
    }

    [Fact]
    public void SuccessiveHalvingPromotesTheTopFractionPerRung()
    {
        // minResource 1, eta 2: rung 0 at step 1, rung 1 at step 2, rung 2 at step 4.
        var study = NewStudy(new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2));
        var first = Running(study, 9, 5);
        Assert.False(first.ShouldPrune()); // alone at rung 0: promoted (best so far)
        Assert.Equal(5.0, first.SystemAttributes[SuccessiveHalvingPruner.RungKey(0)]);
        var second = Running(study, 9, 7);
        // Competing at rung 0: 5, 7 -> index 2/2-1 = 0 -> must be <= 5: pruned.
        Assert.True(second.ShouldPrune());
        var third = Running(study, 9, 4);
        // 5, 7, 4 -> index 3/2-1 = 0 -> 4 <= 4: promoted.
        Assert.False(third.ShouldPrune());
        var fourth = Running(study, 9, 6);
        // 5, 7, 4, 6 -> index 4/2-1 = 1 -> sorted 4,5,6,7 -> 6 <= 5 false: pruned.
        Assert.True(fourth.ShouldPrune());
        var fifth = Running(study, 9, 4.5);
        // 5, 7, 4, 6, 4.5 -> index 1 -> sorted 4,4.5,... -> 4.5 <= 4.5: promoted.
        Assert.False(fifth.ShouldPrune());
    }

    [Fact]
    public void SuccessiveHalvingDoesNothingBeforeTheFirstRung()
    {
        var study = NewStudy(new SuccessiveHalvingPruner(minResource: 3, reductionFactor: 2));
        Complete(study, 1, 1, 1, 1);
        var t = Running(study, 100, 100);
        Assert.False(t.ShouldPrune());
        Assert.Empty(t.SystemAttributes);
    }

    [Fact]
    public void SuccessiveHalvingEstimatesAndStoresTheMinimumResource()
    {
        var study = NewStudy(new SuccessiveHalvingPruner());
        Assert.False(Running(study, 1, 2, 3).ShouldPrune()); // no complete trial: no estimate yet
        Complete(study, Enumerable.Repeat(1.0, 350).ToArray());
        Running(study, 1, 2, 3).ShouldPrune();
        Assert.Equal(3, study.SystemAttributes[SuccessiveHalvingPruner.MinResourceKey]);
    }

    [Fact]
    public void HyperbandAssignsBracketsLikeOptunaAndPrunesWithinThem()
    {
        var pruner = new HyperbandPruner(minResource: 1, maxResource: 27, reductionFactor: 3);
        Assert.Equal(4, pruner.BracketCount(27));
        var counts = new int[4];
        for (var n = 0; n < 2000; n++) counts[pruner.BracketOf("hb", n, 27)]++;
        // Budgets ceil(4 * 3^s / (s + 1)) for s = 3..0: 27, 12, 6, 4. Optuna 3.1.0 puts trials 0..1999 of a study
        // named "hb" into brackets 1111, 492, 219, 178 times (CRC-32 of "hb_{number}" modulo 49).
        Assert.Equal([1111, 492, 219, 178], counts);
        var study = Study.Create(new StudyOptions { StudyName = "hb", Pruner = pruner, Sampler = new RandomSampler(0) });
        var pruned = 0;
        for (var i = 0; i < 40; i++)
        {
            var t = study.Ask();
            var stop = false;
            for (var step = 0; step < 27 && !stop; step++)
            {
                t.Report(100 - step + i % 7, step);
                stop = t.ShouldPrune();
            }
            if (stop) { study.Tell(t, TrialState.Pruned); pruned++; }
            else study.Tell(t, 100 - 26 + i % 7);
        }
        Assert.InRange(pruned, 1, 39);
    }

    [Fact]
    public void ThresholdPrunesOutsideTheBounds()
    {
        var study = NewStudy(new ThresholdPruner(lower: 0, upper: 1, nWarmupSteps: 1));
        Assert.False(Running(study, 5).ShouldPrune()); // warm-up
        Assert.True(Running(study, 0.5, 1.5).ShouldPrune());
        Assert.True(Running(study, 0.5, -0.1).ShouldPrune());
        Assert.False(Running(study, 0.5, 0.5).ShouldPrune());
        Assert.True(Running(study, 0.5, double.NaN).ShouldPrune());
        Assert.Throws<ArgumentException>(() => new ThresholdPruner());
        Assert.Throws<ArgumentException>(() => new ThresholdPruner(lower: 2, upper: 1));
    }

    [Fact]
    public void PatientWaitsBeforeAskingTheWrappedPruner()
    {
        var study = NewStudy(new PatientPruner(null, patience: 2));
        Assert.False(Running(study, 5, 4, 3, 2).ShouldPrune()); // improving
        Assert.False(Running(study, 5, 4, 4.5).ShouldPrune()); // not enough steps
        Assert.True(Running(study, 4, 5, 5, 6).ShouldPrune()); // best before 4, best after 5: stalled
        var withMedian = NewStudy(new PatientPruner(new MedianPruner(nStartupTrials: 1), patience: 1));
        Complete(withMedian, 0, 0, 0);
        Assert.True(Running(withMedian, 4, 5, 6).ShouldPrune());
        var tolerant = NewStudy(new PatientPruner(null, patience: 1, minDelta: 2));
        Assert.False(Running(tolerant, 4, 5, 5.5).ShouldPrune()); // worse by 1 < minDelta
    }

    [Fact]
    public void CatalogCreatesEveryPrunerAndRejectsUnknownNames()
    {
        foreach (var name in PrunerCatalog.Names) Assert.NotNull(PrunerCatalog.Create(name));
        var e = Assert.Throws<ArgumentException>(() => PrunerCatalog.Create("sometimes"));
        Assert.Contains("median", e.Message);
        Assert.IsType<ThresholdPruner>(PrunerCatalog.Create("threshold"));
    }

    [Fact]
    public void PruningInsideOptimizeRecordsPrunedTrials()
    {
        var study = NewStudy(new MedianPruner(nStartupTrials: 2));
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            for (var step = 0; step < 5; step++)
            {
                var v = t.Number < 2 ? 0.0 : 10 + step;
                t.Report(v, step);
                if (t.ShouldPrune()) throw new TrialPrunedException();
            }
            return x;
        }, nTrials: 6);
        Assert.Equal(4, study.GetTrials(TrialState.Pruned).Count);
        Assert.All(study.GetTrials(TrialState.Pruned), t => Assert.Equal(10.0, t.Value));
    }
}
