using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Studies;

public sealed class StudyTests
{
    private static Study NewStudy(StudyDirection direction = StudyDirection.Minimize, ISampler? sampler = null) =>
        Study.Create(new StudyOptions { StudyName = "s", Direction = direction, Sampler = sampler ?? new RandomSampler(1) });

    [Fact]
    public void AskTellNumbersTrialsAndTracksTheBest()
    {
        var study = NewStudy();
        var values = new[] { 3.0, 1.0, 2.0 };
        foreach (var v in values)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", 0, 1);
            study.Tell(trial, v);
        }
        Assert.Equal([0, 1, 2], study.Trials.Select(t => t.Number));
        Assert.Equal(1, study.BestTrial.Number);
        Assert.Equal(1.0, study.BestValue);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void MaximizeTracksTheLargestValue()
    {
        var study = NewStudy(StudyDirection.Maximize);
        foreach (var v in new[] { 3.0, 5.0, 4.0 }) study.Tell(study.Ask(), v);
        Assert.Equal(5.0, study.BestValue);
        Assert.Equal(1, study.BestTrial.Number);
    }

    [Fact]
    public void BestTrialWithoutCompleteTrialsThrows()
    {
        var study = NewStudy();
        study.Tell(study.Ask(), TrialState.Fail);
        var e = Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Contains("no complete trial", e.Message);
        Assert.Empty(study.BestTrials);
    }

    [Fact]
    public void NanValueMakesAFailedTrial()
    {
        var study = NewStudy();
        var frozen = study.Tell(study.Ask(), double.NaN);
        Assert.Equal(TrialState.Fail, frozen.State);
        Assert.Null(frozen.Values);
        Assert.Contains("NaN", (string)frozen.SystemAttributes["fail_reason"]!);
    }

    [Fact]
    public void InfiniteValuesAreCompleteTrials()
    {
        var study = NewStudy();
        study.Tell(study.Ask(), double.PositiveInfinity);
        study.Tell(study.Ask(), 2.0);
        study.Tell(study.Ask(), double.NegativeInfinity);
        Assert.Equal(double.NegativeInfinity, study.BestValue);
        Assert.Equal(3, study.CompleteTrials.Count);
    }

    [Fact]
    public void TellValidatesLikeOptuna()
    {
        var study = NewStudy();
        var trial = study.Ask();
        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Complete));
        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Running));
        Assert.Throws<ArgumentException>(() => study.Tell(trial, [1.0, 2.0]));
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        study.Tell(trial, 1.0);
        var again = Assert.Throws<ArgumentException>(() => study.Tell(trial, 2.0));
        Assert.Contains("already Complete", again.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Tell(42, 1.0));
    }

    [Fact]
    public void PrunedTrialKeepsItsLastIntermediateValue()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.Report(5, 0);
        trial.Report(4, 3);
        trial.Report(7, 1);
        var frozen = study.Tell(trial.Number, TrialState.Pruned);
        Assert.Equal(TrialState.Pruned, frozen.State);
        Assert.Equal(4.0, frozen.Value);
        Assert.Equal(3, frozen.LastStep);
    }

    [Fact]
    public void ReportKeepsTheFirstValueOfAStep()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.Report(1, 2);
        trial.Report(9, 2);
        Assert.Equal(1.0, trial.Frozen.IntermediateValues[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => trial.Report(1, -1));
    }

    [Fact]
    public void TimestampsComeFromTheTimeProvider()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0), TimeProvider = clock });
        var trial = study.Ask();
        clock.Advance(TimeSpan.FromSeconds(90));
        var frozen = study.Tell(trial, 1.0);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), frozen.DatetimeStart);
        Assert.Equal(TimeSpan.FromSeconds(90), frozen.Duration);
    }

    [Fact]
    public void OptimizeRunsTheBudgetAndRecordsPrunedAndFailedTrials()
    {
        var study = NewStudy();
        var calls = 0;
        study.Optimize(trial =>
        {
            var n = Interlocked.Increment(ref calls);
            var x = trial.SuggestFloat("x", -1, 1);
            if (n == 2) throw new TrialPrunedException();
            if (n == 3) return double.NaN;
            return x * x;
        }, nTrials: 6);
        Assert.Equal(6, study.Trials.Count);
        Assert.Equal(TrialState.Pruned, study.Trials[1].State);
        Assert.Equal(TrialState.Fail, study.Trials[2].State);
        Assert.Equal(4, study.CompleteTrials.Count);
    }

    [Fact]
    public void OptimizeFailsTheTrialAndRethrowsObjectiveExceptions()
    {
        var study = NewStudy();
        var e = Assert.Throws<InvalidDataException>(() => study.Optimize((Func<Trial, double>)(_ => throw new InvalidDataException("boom")), nTrials: 5));
        Assert.Equal("boom", e.Message);
        Assert.Single(study.Trials);
        Assert.Equal(TrialState.Fail, study.Trials[0].State);
        Assert.Contains("boom", (string)study.Trials[0].SystemAttributes["fail_reason"]!);
    }

    [Fact]
    public void OptimizeObservesCancellation()
    {
        var study = NewStudy();
        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => study.Optimize(t =>
        {
            if (t.Number == 2) cts.Cancel();
            return t.SuggestFloat("x", 0, 1);
        }, ct: cts.Token));
        Assert.Equal(3, study.CompleteTrials.Count);
    }

    [Fact]
    public void OptimizeStopsOnTimeoutFromTheClock()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0), TimeProvider = clock });
        study.Optimize(t =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return t.Number;
        }, timeout: TimeSpan.FromSeconds(4.5));
        Assert.Equal(5, study.Trials.Count);
    }

    [Fact]
    public void StopEndsOptimizeAfterTheCurrentTrial()
    {
        var study = NewStudy();
        study.Optimize(t =>
        {
            if (t.Number == 3) t.Study.Stop();
            return 1;
        }, nTrials: 100);
        Assert.Equal(4, study.Trials.Count);
    }

    [Fact]
    public void OptimizeRejectsBadArguments()
    {
        var study = NewStudy();
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 1, nTrials: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 1, nTrials: 1, parallelism: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 1, timeout: TimeSpan.Zero));
        Assert.Empty(study.Trials);
    }

    [Fact]
    public void CreateRejectsContradictoryDirections()
    {
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions
        {
            Direction = StudyDirection.Maximize,
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        }));
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Directions = [] }));
    }
}

/// <summary>A clock that moves only when told.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    private long _ticks;

    public void Advance(TimeSpan by)
    {
        _now += by;
        Interlocked.Add(ref _ticks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
