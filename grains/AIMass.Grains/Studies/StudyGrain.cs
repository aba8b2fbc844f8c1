using AIMass.Grains.Artifacts;
using AIMass.Grains.Cluster;
using AIMass.Grains.Datasets;
using AIMass.Grains.Hosting;
using AIMass.Grains.Scheduling;
using AIMass.Grains.Security;
using AIMass.Grains.Studies.Admission;
using AIMass.Grains.Studies.Leaderboards;
using AIMass.Grains.Studies.Persistence;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Grains.Tenants;
using AIMass.Optimization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Studies;

/// <summary>
/// A study: owns its optimization-core study (the snapshot is part of its state), its trials' history and
/// its leaderboards. It asks for trials while its budget lasts, answers per-epoch reports with the pruner's
/// verdict, and never waits on a trial grain (its calls to trials are one-way), so trials may call it freely.
/// </summary>
public sealed partial class StudyGrain(
    [PersistentState("study", StorageNames.State)] IPersistentState<StudyState> state,
    MetaFeatureComputer metaFeatures,
    TimeProvider clock,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain
{
    /// <summary>Internal test rows of a holdout study (the rest: 60% training, 20% validation).</summary>
    private const double HoldoutTestFraction = 0.2;

    /// <summary>Internal test rows of a cross-validated study: fewer, since the out-of-fold score already estimates well
    /// and every row left for the folds is a row the served model learns from.</summary>
    private const double CrossValidatedTestFraction = 0.1;

    /// <summary>Fewer rows leave no validation or test rows to score a model on.</summary>
    private const int MinStudyRows = 10;

    private Optimization.Study? _optimizer;
    private StudyTrialPages? _trialPages;
    private readonly TrialTally _tally = new();
    private string? _activity;
    private bool _dirty;

    private StudyState S => state.State;
    private string Key => this.GetPrimaryKeyString();
    private string TenantId => GrainKeys.Split(Key).Tenant;
    private string StudyId => GrainKeys.Split(Key).Id;

    public async Task<StudyInfo> CreateAsync(StudySpec spec)
    {
        GrainKeys.ValidateId(StudyId, "Study");
        if (S.Spec is not null) throw ServiceException.Conflict($"Study '{StudyId}' already exists.");
        var errors = StudySpecValidator.Validate(spec).ToList();
        if (errors.Count > 0) throw ServiceException.Invalid($"Study spec is invalid: {string.Join("; ", errors)}", errors);

        var dataset = await GrainFactory.GetGrain<IDatasetGrain>(GrainKeys.Scoped(TenantId, spec.DatasetId)).GetAsync();
        var version = dataset.Version(spec.DatasetVersion);
        var target = version.Schema.FirstOrDefault(c => c.Name == spec.Target)
            ?? throw ServiceException.Invalid($"Target column '{spec.Target}' is not in data set '{spec.DatasetId}'; its columns are: {string.Join(", ", version.Schema.Select(c => c.Name))}.",
                [new FieldError(null, "target", $"'{spec.Target}' is not a column of the data set")]);
        if (version.Rows < MinStudyRows)
        {
            throw ServiceException.Invalid($"Data set '{spec.DatasetId}' has {version.Rows} rows; a study needs at least {MinStudyRows}.",
                [new FieldError(null, "datasetId", $"at least {MinStudyRows} rows needed")]);
        }
        var task = spec.Task ?? target.TaskAsTarget ?? "classification";
        if (task == "regression" && target.Kind != "numeric")
        {
            throw ServiceException.Invalid($"Target column '{spec.Target}' is {target.Kind}, not numeric: it cannot be a regression target.",
                [new FieldError(null, "task", "regression needs a numeric target column")]);
        }

        var tenant = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetAsync();
        var now = clock.GetUtcNow();
        S.Spec = spec with { DatasetVersion = version.Version, Device = DeviceKinds.Requirement(spec.Device) };
        try
        {
            S.CreatedUtc = now;
            S.Task = task;
            S.Metric = task == "regression" ? "r2" : "accuracy";
            S.DatasetVersion = version.Version;
            S.DatasetArtifactPath = version.ArtifactPath;
            S.DatasetRows = version.Rows;
            S.Folds = spec.FoldsFor(version.Rows);
            S.Repeats = S.Folds > 0 ? spec.RepeatsFor(version.Rows) : 1;
            S.TestFraction = S.Folds > 0 ? CrossValidatedTestFraction : HoldoutTestFraction;
            S.Image = version.Image;
            S.DatasetSchema = version.Schema;
            S.ShareKnowledge = tenant.ShareMetaKnowledge;
            S.Scenarios = spec.Scenarios.Length > 0 ? spec.Scenarios : ScenarioSpec.Defaults;
            S.Space = spec.SearchSpace ?? DefaultSearchSpaces.For(task, version.Image, version.Rows, spec.MaxEpochsPerTrial);
            if (spec.SearchSpace is null && version.Image is null)
            {
                S.PendingPortfolio = DefaultPortfolio.For(task, Distillation.DistillationPlanner.InputWidth(version.Schema, spec.Target), version.Rows);
            }
            S.Admission = AdmissionLimits.For(version.Schema, spec.Target, task, version.Image, version.Rows, tenant.Quotas);
            var inadmissible = TrialAdmission.CheckSpace(S.Space, S.Admission, version.Image);
            if (inadmissible.Count > 0) throw ServiceException.Invalid($"Study spec is invalid: {string.Join("; ", inadmissible)}", inadmissible);
            S.MetaFeatures = await MetaFeaturesAsync(version, spec.Target);
            await PrepareWarmStartAsync();
            using (CallerContext.AsSystem())
            {
                await GrainFactory.GetGrain<ITenantGrain>(TenantId).ReserveStudyAsync(StudyId, spec.Name);
            }
        }
        catch
        {
            // Nothing was stored: the study does not exist and can be created again.
            state.State = new StudyState();
            throw;
        }

        _optimizer = Optimization.Study.Create(new StudyOptions
        {
            StudyName = Key,
            Direction = StudyDirection.Maximize,
            Sampler = SamplerCatalog.Create(spec.Sampler, spec.Seed),
            Pruner = PrunerCatalog.Create(spec.Pruner),
            Seed = spec.Seed,
            TimeProvider = clock,
        });
        S.Status = StudyStatus.Running;
        S.RunningSinceUtc = now;
        await PersistAsync();
        LogCreated(Key, task, spec.Sampler, S.Space.Parameters.Length);

        using (CallerContext.AsSystem())
        {
            await GrainFactory.GetGrain<ISupervisorGrain>(ISupervisorGrain.Key).RegisterStudyAsync(Key);
            await FillAsync();
        }
        return Info();
    }

    public Task<StudyInfo> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Info());
    }

    public Task<TrialSummary[]> GetTrialsAsync()
    {
        EnsureExists();
        return Task.FromResult(S.Trials.Values.ToArray());
    }

    public Task<Leaderboard> GetLeaderboardAsync(string? scenario = null)
    {
        EnsureExists();
        var spec = scenario is null
            ? S.Scenarios[0]
            : S.Scenarios.FirstOrDefault(s => s.Name == scenario)
              ?? throw ServiceException.NotFound($"Scenario '{scenario}' of study '{StudyId}' (scenarios: {string.Join(", ", S.Scenarios.Select(s => s.Name))})");
        return Task.FromResult(LeaderboardBuilder.Build(spec, S.Metric, S.Trials.Values));
    }

    public Task<Leaderboard[]> GetLeaderboardsAsync()
    {
        EnsureExists();
        return Task.FromResult(S.Scenarios.Select(s => LeaderboardBuilder.Build(s, S.Metric, S.Trials.Values)).ToArray());
    }

    public Task<TrialSummary[]> GetParetoFrontAsync()
    {
        EnsureExists();
        return Task.FromResult(LeaderboardBuilder.ParetoFront(S.Trials.Values));
    }

    public Task<Dictionary<string, double>> GetParameterImportancesAsync()
    {
        EnsureExists();
        var optimizer = Optimizer();
        if (optimizer.CompleteTrials.Count < 2) return Task.FromResult(new Dictionary<string, double>());
        return Task.FromResult(Importance.Evaluate(optimizer).ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    public async Task<StudyInfo> PauseAsync()
    {
        EnsureExists();
        if (S.Status != StudyStatus.Running) throw ServiceException.Conflict($"Study '{StudyId}' is {S.Status}, not Running: it cannot be paused.");
        var now = clock.GetUtcNow();
        S.ActiveSeconds += (now - S.RunningSinceUtc!.Value).TotalSeconds;
        S.RunningSinceUtc = null;
        S.Status = StudyStatus.Paused;
        await PersistAsync();
        using (CallerContext.AsSystem())
        {
            foreach (var trial in Outstanding().Where(t => t.Status == TrialStatus.Queued)) _ = Trial(trial.Number).WithdrawAsync();
        }
        return Info();
    }

    public async Task<StudyInfo> ResumeAsync()
    {
        EnsureExists();
        if (S.Status != StudyStatus.Paused) throw ServiceException.Conflict($"Study '{StudyId}' is {S.Status}, not Paused: it cannot be resumed.");
        S.Status = StudyStatus.Running;
        S.RunningSinceUtc = clock.GetUtcNow();
        await PersistAsync();
        using (CallerContext.AsSystem())
        {
            foreach (var trial in Outstanding().Where(t => t.Status == TrialStatus.Queued)) _ = Trial(trial.Number).QueueAsync(BuildJob(trial));
            await FillAsync();
        }
        return Info();
    }

    public async Task<StudyInfo> CancelAsync()
    {
        EnsureExists();
        if (S.Status is StudyStatus.Completed or StudyStatus.Cancelled or StudyStatus.Failed)
        {
            throw ServiceException.Conflict($"Study '{StudyId}' is already {S.Status}.");
        }
        using (CallerContext.AsSystem())
        {
            await FinishStudyAsync(StudyStatus.Cancelled, "cancelled by the tenant");
            foreach (var trial in Outstanding()) _ = Trial(trial.Number).CancelAsync("the study was cancelled");
        }
        return Info();
    }

    private StudyInfo Info()
    {
        var trials = S.Trials.Values;
        // The best model as the leaderboards rank them (score, then the finer metric), students aside.
        var best = LeaderboardBuilder.Rank(trials.Where(t => t.Scenario is null), S.Metric).Select(x => x.Trial).FirstOrDefault();
        int queued = 0, running = 0, complete = 0, pruned = 0, failed = 0;
        foreach (var t in trials)
        {
            switch (t.Status)
            {
                case TrialStatus.Queued: queued++; break;
                case TrialStatus.Running: running++; break;
                case TrialStatus.Pruned: pruned++; break;
                case TrialStatus.Failed or TrialStatus.Cancelled: failed++; break;
                case TrialStatus.Complete:
                    complete++;
                    break;
            }
        }
        return new StudyInfo
        {
            TenantId = TenantId,
            StudyId = StudyId,
            Spec = S.Spec!,
            Status = S.Status,
            StatusReason = S.StatusReason,
            CreatedUtc = S.CreatedUtc,
            FinishedUtc = S.FinishedUtc,
            Task = S.Task,
            Metric = S.Metric,
            DatasetVersion = S.DatasetVersion,
            TrialsQueued = queued,
            TrialsRunning = running,
            TrialsComplete = complete,
            TrialsPruned = pruned,
            TrialsFailed = failed,
            BestValue = best?.Value,
            BestTrial = best?.Number,
            ElapsedSeconds = ElapsedSeconds(),
            ComputeSeconds = S.ComputeSeconds,
            SearchSpace = S.Space,
            WarmStartTrials = S.WarmStartTrials,
            Activity = S.Status == StudyStatus.Running ? _activity : null,
            Phase = S.Phase,
        };
    }

    private double ElapsedSeconds() =>
        S.ActiveSeconds + (S.RunningSinceUtc is { } since ? (clock.GetUtcNow() - since).TotalSeconds : 0);

    private Optimization.Study Optimizer()
    {
        if (_optimizer is not null) return _optimizer;
        var spec = S.Spec!;
        _optimizer = Optimization.Study.FromSnapshot(StudySnapshot.FromJson(S.OptimizerSnapshot),
            SamplerCatalog.Create(spec.Sampler, spec.Seed), PrunerCatalog.Create(spec.Pruner));
        return _optimizer;
    }

    /// <summary>
    /// Writes the study: first the pages of trials that changed (<see cref="StudyTrialPages"/>), then the study's own
    /// record without trials, so the write does not grow with the study.
    /// </summary>
    private async Task PersistAsync()
    {
        var optimizer = Optimizer();
        var pages = await TrialPages().SaveAsync(S, optimizer);
        var full = state.State;
        full.TrialPages = pages;
        state.State = full.HeaderOnly(optimizer.ToSnapshot(0, 0).ToJson(), pages);
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            state.State = full;
        }
        await ReportListRowAsync();
    }

    private StudyTrialPages TrialPages() =>
        _trialPages ??= new StudyTrialPages(ServiceProvider.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(StorageNames.State), Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Spec is not null && S.OptimizerSnapshot.Length > 0) await TrialPages().LoadAsync(S);
        await base.OnActivateAsync(cancellationToken);
    }

    private void EnsureExists()
    {
        if (S.Spec is null) throw ServiceException.NotFound($"Study '{StudyId}'");
    }

    private Trials.ITrialGrain Trial(int number) => GrainFactory.GetGrain<Trials.ITrialGrain>(GrainKeys.Trial(TenantId, StudyId, number));

    [LoggerMessage(Level = LogLevel.Information, Message = "Study {StudyKey} created: task {Task}, sampler {Sampler}, {Parameters} searched parameters")]
    private partial void LogCreated(string studyKey, string task, string sampler, int parameters);
}
