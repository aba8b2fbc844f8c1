using AIMass.Grains.Artifacts;
using AIMass.Grains.Cluster;
using AIMass.Grains.Scheduling;
using AIMass.Grains.Security;
using AIMass.Grains.Studies.Admission;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Grains.Tenants;
using AIMass.Grains.Trials;
using AIMass.Optimization;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Studies;

/// <summary>The search loop: asking trials, answering epoch reports, recording results, budgets and the end.</summary>
public sealed partial class StudyGrain
{
    /// <summary>Failures with no success that end a study early (the data or the space is broken).</summary>
    private const int FailuresBeforeGivingUp = 3;

    /// <summary>How long past the time budget a running student may take to reach its next epoch and finish.</summary>
    private const double StudentGraceSeconds = 2;

    public Task<EpochVerdict> ReportEpochAsync(int trialNumber, int epoch, double value)
    {
        if (S.Spec is null) return Task.FromResult(EpochVerdict.Abandon);
        if (S.Status is StudyStatus.Cancelled or StudyStatus.Failed) return Task.FromResult(EpochVerdict.Abandon);
        if (!S.Trials.TryGetValue(trialNumber, out var summary)) return Task.FromResult(EpochVerdict.Continue);
        var searching = summary.Kind is TrialKind.Search or TrialKind.WarmStart;
        if (S.Status == StudyStatus.Completed || (searching ? SearchBudgetSpent() : TotalBudgetSpent()) is not null)
        {
            // A cross-validation cut short scores only some rows, and would rank beside fully validated models: once the
            // study has one of those, it is pruned; before that it is kept (as the bag of its folds) so there is a model.
            var hasComplete = S.Folds > 0 && searching && S.Trials.Values.Any(t => t.Status == TrialStatus.Complete && t.Kind is TrialKind.Search or TrialKind.WarmStart);
            return Task.FromResult(hasComplete ? EpochVerdict.Prune : EpochVerdict.Finish);
        }
        if (!searching) return Task.FromResult(EpochVerdict.Continue);
        var optimizer = Optimizer();
        if (optimizer.Trials.ElementAtOrDefault(trialNumber) is not { State: TrialState.Running })
        {
            return Task.FromResult(EpochVerdict.Continue);
        }
        var trial = optimizer.GetRunningTrial(trialNumber);
        trial.Report(value, epoch);
        return Task.FromResult(trial.ShouldPrune() ? EpochVerdict.Prune : EpochVerdict.Continue);
    }

    public Task TrialStartedAsync(int trialNumber, string worker, string silo, DateTimeOffset startedUtc, int attempt)
    {
        if (S.Trials.TryGetValue(trialNumber, out var t) && t.Status is TrialStatus.Queued or TrialStatus.Running)
        {
            S.Trials[trialNumber] = t with { Status = TrialStatus.Running, Worker = worker, Silo = silo, StartedUtc = t.StartedUtc ?? startedUtc, Attempts = attempt };
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Records a trial's end once: a repeat (the trial tells again until a call returns) changes nothing. A call returns
    /// only once the end is stored: when what follows from it (counting, asking for more) fails, the recorded end stays
    /// unsaved in memory, and the trial's repeat stores it; the next tick advances the study.
    /// </summary>
    public async Task TrialFinishedAsync(TrialSummary trial)
    {
        if (S.Spec is null || !S.Trials.TryGetValue(trial.Number, out var known)) return;
        if (IsFinal(known.Status))
        {
            // Recorded already; stored too before this repeat is acknowledged.
            await SaveIfDirtyAsync();
            return;
        }
        // The study owns why a trial exists; the trial grain owns how it ran.
        trial = trial with { Kind = known.Kind, Scenario = known.Scenario, TeacherTrial = known.TeacherTrial, Params = known.Params };
        S.Trials[trial.Number] = trial;
        S.ComputeSeconds += trial.ComputeSeconds;
        _scenariosNeedingStudents = null;
        _trialsKeptAfterSearch = null;
        TellOptimizer(trial);
        HoldIfStorageFull(trial);
        _dirty = true;
        using (CallerContext.AsSystem())
        {
            // The trial's compute was charged to the tenant as it ran (its heartbeats and its end); count the trial.
            if (trial.ComputeSeconds > 0) await GrainFactory.GetGrain<ITenantGrain>(TenantId).AddComputeAsync(0);
            await AdvanceAsync();
            await SaveIfDirtyAsync();
        }
        if (trial.Status == TrialStatus.Complete) WarmServedModels();
    }

    public async Task TickAsync()
    {
        if (S.Spec is null) return;
        using var caller = CallerContext.AsSystem();
        if (S.Status is StudyStatus.Completed or StudyStatus.Cancelled or StudyStatus.Failed)
        {
            await GrainFactory.GetGrain<ISupervisorGrain>(ISupervisorGrain.Key).UnregisterStudyAsync(Key);
            return;
        }
        foreach (var trial in Outstanding())
        {
            if (trial.Status == TrialStatus.Queued && S.Status == StudyStatus.Running) _ = Trial(trial.Number).QueueAsync(BuildJob(trial));
            else if (trial.Status == TrialStatus.Running) _ = Trial(trial.Number).CheckAsync();
        }
        if (S.Status != StudyStatus.Running) return;
        if (!await GrainFactory.GetGrain<ITenantGrain>(TenantId).HasComputeLeftAsync())
        {
            _activity = "waiting: the tenant's daily compute quota is spent";
        }
        else if (S.StorageHold is not null)
        {
            _activity = $"waiting: {S.StorageHold}; no new trials until stored bytes are freed";
        }
        else if (Outstanding().Any(t => t.Status == TrialStatus.Queued))
        {
            _activity = await GrainFactory.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key).ExplainWaitAsync(Key);
        }
        else
        {
            _activity = null;
        }
        await AdvanceAsync();
    }

    /// <summary>Closes the search when its budget is spent, asks for more trials, moves to distillation, or ends the study.</summary>
    private async Task AdvanceAsync()
    {
        if (S.Status != StudyStatus.Running) return;
        if (S.Phase == "distill")
        {
            await AdvanceDistillationAsync();
            return;
        }
        var spent = SearchBudgetSpent();
        if (spent is not null && !S.SearchClosed)
        {
            S.SearchClosed = true;
            S.StatusReason = spent;
            LogSearchClosed(Key, spent);
            await SaveAsync();
            CancelQueued($"the search budget is spent ({spent})");
        }
        var trials = S.Trials.Values;
        if (!trials.Any(t => t.Status is TrialStatus.Complete or TrialStatus.Pruned) && trials.Count(t => t.Status == TrialStatus.Failed) >= FailuresBeforeGivingUp)
        {
            var reason = trials.First(t => t.Status == TrialStatus.Failed).Reason;
            await FinishStudyAsync(StudyStatus.Failed, $"the first {FailuresBeforeGivingUp} trials failed: {reason}");
            foreach (var t in Outstanding()) _ = Trial(t.Number).CancelAsync("the study failed");
            return;
        }
        if (!S.SearchClosed) await FillAsync();
        if (Outstanding().Any() || !(S.SearchClosed || AllAsked())) return;
        if (!trials.Any(t => t.Status == TrialStatus.Complete))
        {
            await FinishStudyAsync(StudyStatus.Failed, $"no trial completed ({trials.Select(t => t.Reason).FirstOrDefault(r => r is not null) ?? "no reason given"})");
            return;
        }
        if (StartEnsemble())
        {
            await SaveAsync();
            _ = Trial(S.EnsembleTrial!.Value).QueueAsync(BuildJob(S.Trials[S.EnsembleTrial.Value]));
            return;
        }
        if (StartDistillation())
        {
            await SaveAsync();
            await FillAsync();
            return;
        }
        await FinishStudyAsync(StudyStatus.Completed, S.StatusReason ?? "budget spent");
    }

    private async Task AdvanceDistillationAsync()
    {
        var spent = TotalBudgetSpent();
        if (spent is null) await FillAsync();
        else
        {
            CancelQueued($"the study's budget is spent ({spent})");
            StopOverdueStudents(spent);
        }
        if (Outstanding().Any()) return;
        if (spent is null && !DistillationDone()) return;
        var distilled = string.Join(", ", S.Distillations.Keys);
        var capped = S.Distillations.Values.Any(p => p.MaxStudents is not null) ? $" ({S.Spec!.Budget.MaxTrials} trials in all: students capped by the trial budget)" : "";
        await FinishStudyAsync(StudyStatus.Completed, $"{S.StatusReason ?? "search done"}; students distilled for {distilled}{capped}");
    }

    /// <summary>
    /// Students still running a few seconds past the study's time budget are stopped: they are extras, and one busy
    /// before its first epoch (reading its teacher's outputs) would otherwise hold the whole study past its deadline.
    /// </summary>
    private void StopOverdueStudents(string spent)
    {
        if (S.Spec!.Budget.MaxSeconds is not { } seconds || ElapsedSeconds() < seconds + StudentGraceSeconds) return;
        foreach (var running in Outstanding().Where(t => t.Status == TrialStatus.Running && t.Kind is TrialKind.Distillation or TrialKind.Control))
        {
            _ = Trial(running.Number).CancelAsync($"the study's budget is spent ({spent})");
        }
    }

    private void CancelQueued(string reason)
    {
        foreach (var queued in Outstanding().Where(t => t.Status == TrialStatus.Queued))
        {
            _ = Trial(queued.Number).CancelAsync(reason);
        }
    }

    /// <summary>Asks the optimizer (search) or the student studies (distillation) for trials until the study's parallelism is used.</summary>
    private async Task FillAsync()
    {
        if (S.Status != StudyStatus.Running || await StorageHeldAsync()) return;
        var added = S.Phase == "distill" ? AskDistillationTrials() : AskSearchTrials();
        if (added is null || added.Count == 0) return;
        // Persist before the trial grains hear of the new trials, so a crash can never leave a trial the study forgot.
        await SaveAsync();
        foreach (var summary in added) _ = Trial(summary.Number).QueueAsync(BuildJob(summary));
    }

    private const int MaxRefusalsInARow = 20;

    private List<TrialSummary>? AskSearchTrials()
    {
        if (S.SearchClosed) return null;
        var added = new List<TrialSummary>();
        var refused = 0;
        while (Outstanding().Count() < S.Spec!.Parallelism && !AllAsked())
        {
            var optimizer = Optimizer();
            if (S.PendingPortfolio.Count > 0) EnqueuePortfolio(optimizer);
            else EnqueueWarmStartIfDue(optimizer);
            var trial = optimizer.Ask();
            Dictionary<string, string> values;
            try
            {
                values = SearchSpaceSampler.Sample(trial, S.Space);
            }
            catch (ArgumentException e)
            {
                optimizer.Tell(trial, TrialState.Fail);
                S.SearchClosed = true;
                S.StatusReason = $"the search space cannot be sampled: {e.Message}";
                break;
            }
            var kind = trial.UserAttributes.ContainsKey("warm_start") ? TrialKind.WarmStart : TrialKind.Search;
            if (S.Admission is { } limits && TrialAdmission.Refusal(values, limits, S.Image) is { } refusal)
            {
                // Never queued: it would cost memory or time the tenant may not spend (a warm-start configuration from
                // another study, say; the search space itself was checked at creation).
                optimizer.Tell(trial, TrialState.Fail);
                var now = clock.GetUtcNow();
                S.Trials[trial.Number] = new TrialSummary
                {
                    Number = trial.Number, Status = TrialStatus.Failed, Kind = kind, Params = values, QueuedUtc = now, FinishedUtc = now, Reason = $"not admitted: {refusal}",
                };
                if (++refused >= MaxRefusalsInARow)
                {
                    S.SearchClosed = true;
                    S.StatusReason = $"{refused} proposed trials in a row were not admitted (last: {refusal})";
                    break;
                }
                continue;
            }
            refused = 0;
            var summary = new TrialSummary { Number = trial.Number, Status = TrialStatus.Queued, Kind = kind, Params = values };
            S.Trials[trial.Number] = summary;
            added.Add(summary);
        }
        return added;
    }

    private TrialJob BuildJob(TrialSummary trial) => new()
    {
        TrialKey = GrainKeys.Trial(TenantId, StudyId, trial.Number),
        TenantId = TenantId,
        StudyId = StudyId,
        Number = trial.Number,
        Kind = trial.Kind,
        DatasetArtifactPath = S.DatasetArtifactPath,
        Target = S.Spec!.Target,
        Task = S.Task,
        Params = trial.Params,
        Seed = unchecked(S.Spec.Seed * 7919 + trial.Number),
        SplitSeed = S.Spec.Seed,
        Image = S.Image,
        MaxEpochs = S.Spec.MaxEpochsPerTrial,
        Device = S.Spec.Device,
        TeacherTrial = trial.TeacherTrial,
        TeacherArtifactPath = trial.TeacherTrial is { } teacher ? S.Trials.GetValueOrDefault(teacher)?.ArtifactPath : null,
        ArtifactPath = ArtifactPaths.TrialModel(TenantId, StudyId, trial.Number),
        // Students and their controls keep a holdout split (early stopping on its validation rows); the test rows are
        // the study's either way.
        Folds = trial.Kind is TrialKind.Search or TrialKind.WarmStart ? S.Folds : 0,
        Repeats = S.Repeats,
        TestFraction = S.TestFraction,
        CandidateArtifacts = trial.Kind == TrialKind.Ensemble
            ? S.EnsembleCandidates.ToDictionary(n => n, n => S.Trials[n].ArtifactPath!)
            : [],
    };

    private void TellOptimizer(TrialSummary trial)
    {
        if (trial.Kind == TrialKind.Distillation) TellStudents(trial);
        if (trial.Kind is TrialKind.Distillation or TrialKind.Control or TrialKind.Ensemble) return;
        var optimizer = Optimizer();
        if (optimizer.Trials.ElementAtOrDefault(trial.Number) is not { State: TrialState.Running }) return;
        switch (trial.Status)
        {
            case TrialStatus.Complete when trial.Value is { } value && double.IsFinite(value):
                optimizer.Tell(trial.Number, value);
                break;
            case TrialStatus.Pruned:
                optimizer.Tell(trial.Number, TrialState.Pruned);
                break;
            default:
                optimizer.Tell(trial.Number, TrialState.Fail);
                break;
        }
    }

    private async Task FinishStudyAsync(StudyStatus status, string reason)
    {
        if (S.RunningSinceUtc is { } since) S.ActiveSeconds += (clock.GetUtcNow() - since).TotalSeconds;
        S.RunningSinceUtc = null;
        S.Status = status;
        S.StatusReason = reason;
        S.FinishedUtc = clock.GetUtcNow();
        S.Phase = "done";
        await SaveAsync();
        LogFinished(Key, status, reason);
        if (status == StudyStatus.Completed) await RecordKnowledgeAsync();
        await GrainFactory.GetGrain<ITenantGrain>(TenantId).ReleaseStudyAsync(StudyId);
        await GrainFactory.GetGrain<ISupervisorGrain>(ISupervisorGrain.Key).UnregisterStudyAsync(Key);
    }

    /// <summary>Writes the state (the changed pages of trials, then the study's record) now.</summary>
    private async Task SaveAsync()
    {
        await PersistAsync();
        _dirty = false;
    }

    private Task SaveIfDirtyAsync() => _dirty ? SaveAsync() : Task.CompletedTask;

    /// <summary>Why no more search trials may start, or null while the search budget lasts (a share of the time is kept for distillation).</summary>
    private string? SearchBudgetSpent()
    {
        var budget = S.Spec!.Budget;
        var share = 1 - (EnsemblePlanned ? EnsembleTimeShare : 0);
        if (budget.MaxSeconds is { } seconds && seconds * share - DistillationReserve(seconds, wallClock: true) is var search && ElapsedSeconds() >= search)
        {
            return $"time budget of {search:0.#} s for the search spent";
        }
        if (budget.MaxComputeSeconds is { } compute && compute * share - DistillationReserve(compute, wallClock: false) is var searchCompute && S.ComputeSeconds >= searchCompute)
        {
            return $"compute budget of {searchCompute:0.#} s for the search spent";
        }
        if (budget.MaxTrials is { } max && SearchTrialLimit() is { } limit && SearchTrials() >= limit && !Outstanding().Any()) return SearchTrialsRun(max, limit);
        return null;
    }

    /// <summary>Why nothing at all may run any more (the whole time or compute budget is spent), or null.</summary>
    private string? TotalBudgetSpent()
    {
        var budget = S.Spec!.Budget;
        if (budget.MaxSeconds is { } seconds && ElapsedSeconds() >= seconds) return $"time budget of {seconds:0.#} s spent";
        if (budget.MaxComputeSeconds is { } compute && S.ComputeSeconds >= compute) return $"compute budget of {compute:0.#} s spent";
        return null;
    }

    private bool AllAsked() => SearchTrialLimit() is { } limit && SearchTrials() >= limit;

    private int SearchTrials() => _tally.SearchTrials(S.Trials);

    private IEnumerable<TrialSummary> Outstanding() => _tally.Outstanding(S.Trials);

    private static bool IsFinal(TrialStatus status) => status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Cancelled;

    [LoggerMessage(Level = LogLevel.Information, Message = "Study {StudyKey} closed its search: {Reason}")]
    private partial void LogSearchClosed(string studyKey, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Study {StudyKey} finished {Status}: {Reason}")]
    private partial void LogFinished(string studyKey, StudyStatus status, string reason);
}
