using AIMass.Grains.Studies.Distillation;
using AIMass.Grains.Studies.Leaderboards;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Studies;

/// <summary>
/// The ensemble stage of a cross-validated study: once the search is over, one ensemble trial selects weights over the
/// best trials' out-of-fold predictions (greedy selection with replacement) and packs the chosen models into one
/// artifact, which then competes on the leaderboards like any model.
/// </summary>
public sealed partial class StudyGrain
{
    /// <summary>Share of a time budget kept for the ensemble stage (loading the candidates and selecting: seconds).</summary>
    private const double EnsembleTimeShare = 0.05;

    /// <summary>The ensemble selects among at most this many of the best trials...</summary>
    private const int EnsembleCandidateLimit = 20;

    /// <summary>...of which the best few of every family come first, so that different kinds of model can mix.</summary>
    private const int EnsembleCandidatesPerFamily = 3;

    private int? _scenariosNeedingStudents;

    private bool EnsemblePlanned => S.Folds > 0 && S.Spec!.Ensemble;

    /// <summary>Queues the ensemble trial once the search is over; false when there is nothing (more) to ensemble.</summary>
    private bool StartEnsemble()
    {
        if (!EnsemblePlanned || S.EnsembleTrial is not null || TotalBudgetSpent() is not null || TrialsLeft() == 0) return false;
        var candidates = EnsembleCandidatesOf(S.Trials.Values, S.Metric);
        if (candidates.Count < 2) return false;
        var trial = new TrialSummary
        {
            Number = NextTrialNumber(),
            Status = TrialStatus.Queued,
            Kind = TrialKind.Ensemble,
            Params = new Dictionary<string, string> { ["family"] = "ensemble" },
        };
        S.Trials[trial.Number] = trial;
        S.EnsembleTrial = trial.Number;
        S.EnsembleCandidates = candidates;
        S.Phase = "ensemble";
        LogEnsembling(Key, trial.Number, candidates.Count);
        return true;
    }

    /// <summary>
    /// The complete search trials ranked as the leaderboard ranks them (score, then the finer metric), the best
    /// <see cref="EnsembleCandidatesPerFamily"/> of each family first, up to <see cref="EnsembleCandidateLimit"/>.
    /// </summary>
    internal static List<int> EnsembleCandidatesOf(IEnumerable<TrialSummary> trials, string metric)
    {
        var ranked = LeaderboardBuilder.Rank(trials.Where(t => t.Kind is TrialKind.Search or TrialKind.WarmStart && t.ArtifactPath is not null), metric)
            .Select(x => x.Trial)
            .ToList();
        var chosen = ranked.GroupBy(t => t.Family ?? "")
            .SelectMany(g => g.Take(EnsembleCandidatesPerFamily))
            .ToHashSet();
        foreach (var t in ranked)
        {
            if (chosen.Count >= EnsembleCandidateLimit) break;
            chosen.Add(t);
        }
        return ranked.Where(chosen.Contains).Take(EnsembleCandidateLimit).Select(t => t.Number).ToList();
    }

    /// <summary>
    /// How many constrained scenarios would need distilled students given the trials so far (time is then kept for
    /// them). Computed once per finished trial, not on every epoch report.
    /// </summary>
    private int ScenariosLikelyNeedingStudents()
    {
        if (!DistillationPossible) return 0;
        _scenariosNeedingStudents ??= DistillationPlanner.ScenariosNeedingStudents(S.Scenarios, S.Metric, S.Trials.Values, out _).Count;
        return _scenariosNeedingStudents.Value;
    }

    /// <summary>
    /// Seconds of <paramref name="total"/> (a time or compute budget) to keep for distillation: its students and controls
    /// take about as long as one fit of the MLPs the search trained (students are smaller MLPs; one fit is a trial's
    /// time over its folds), with 50% to spare, run <see cref="StudySpec.Parallelism"/> at a time on the wall clock.
    /// At most <see cref="DistillationTimeShare"/> of the budget, which is also kept before any MLP has finished.
    /// </summary>
    private double DistillationReserve(double total, bool wallClock)
    {
        var scenarios = ScenariosLikelyNeedingStudents();
        if (scenarios == 0) return 0;
        var cap = total * DistillationTimeShare;
        var steps = S.Folds > 0 ? S.Folds * S.Repeats : 1;
        var fits = S.Trials.Values
            .Where(t => t.Kind is TrialKind.Search or TrialKind.WarmStart && t.Status == TrialStatus.Complete && t.Family == "mlp" && t.ComputeSeconds > 0)
            .Select(t => t.ComputeSeconds / steps)
            .Order()
            .ToList();
        if (fits.Count == 0) return cap;
        var students = scenarios * (S.Spec!.DistillTrialsPerScenario + 1);
        var estimate = 1.5 * students * fits[fits.Count / 2] / (wallClock ? Math.Max(1, S.Spec.Parallelism) : 1) + 2;
        return Math.Min(cap, estimate);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Study {StudyKey} builds an ensemble (trial {Trial}) from {Candidates} trials")]
    private partial void LogEnsembling(string studyKey, int trial, int candidates);
}
