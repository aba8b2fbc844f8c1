namespace AIMass.Grains.Studies.Leaderboards;

/// <summary>
/// Builds a scenario's leaderboard from the study's trials: complete models that meet every constraint (a distilled
/// student and its control only on the leaderboard of the scenario they were trained for: they are validated on a
/// holdout split, which in a cross-validated study does not compare with the others' out-of-fold scores),
/// ranked by the selection metric on the validation split or out of fold (never the test split), ties broken by a
/// finer metric (log loss, or RMSE), then by size; reported with their test metrics and how they were trained.
/// Also the Pareto front of validation score vs parameters vs latency.
/// </summary>
public static class LeaderboardBuilder
{
    public static Leaderboard Build(ScenarioSpec scenario, string studyMetric, IEnumerable<TrialSummary> trials, int limit = 20)
    {
        var metric = scenario.Metric ?? studyMetric;
        var ranked = Rank(trials.Where(t => Measured(t) && (t.Scenario is null || t.Scenario == scenario.Name)
                && scenario.Admits(t.ParameterCount!.Value, t.LatencyMs!.Value, t.ArtifactBytes!.Value)), metric)
            .Take(limit)
            .Select((x, i) => new LeaderboardEntry
            {
                Rank = i + 1,
                TrialNumber = x.Trial.Number,
                ValidationScore = x.Score,
                TestScore = x.Trial.TestMetrics.TryGetValue(metric, out var test) ? test : null,
                TestMetrics = x.Trial.TestMetrics,
                ParameterCount = x.Trial.ParameterCount!.Value,
                LatencyMs = x.Trial.LatencyMs!.Value,
                ArtifactBytes = x.Trial.ArtifactBytes!.Value,
                Family = x.Trial.Family,
                TeacherTrial = x.Trial.TeacherTrial,
                Kind = x.Trial.Kind,
                TrainedAs = x.Trial.TrainedAs,
                TrainRows = x.Trial.TrainRows,
                Members = x.Trial.Members,
                TieBreak = TieBreak(x.Trial),
            })
            .ToArray();
        return new Leaderboard { Scenario = scenario, Metric = metric, Entries = ranked };
    }

    /// <summary>
    /// Complete, measured trials with a finite score on <paramref name="metric"/>, best first: by the score, then the
    /// finer metric (lower log loss or RMSE), then fewer parameters, then the lower trial number.
    /// </summary>
    public static IEnumerable<(TrialSummary Trial, double Score)> Rank(IEnumerable<TrialSummary> trials, string metric)
    {
        var higher = MetricDirections.HigherIsBetter(metric);
        return trials
            .Where(Measured)
            .Select(t => (Trial: t, Score: SelectionScore(t, metric)))
            .Where(x => x.Score is { } s && double.IsFinite(s))
            .Select(x => (x.Trial, Score: x.Score!.Value))
            .OrderBy(x => higher ? -x.Score : x.Score)
            .ThenBy(x => TieBreak(x.Trial) ?? double.PositiveInfinity)
            .ThenBy(x => x.Trial.ParameterCount)
            .ThenBy(x => x.Trial.Number);
    }

    /// <summary>Complete models not dominated on (higher validation score, fewer parameters, lower latency).</summary>
    public static TrialSummary[] ParetoFront(IEnumerable<TrialSummary> trials)
    {
        var candidates = trials.Where(Measured).Where(t => t.Value is { } v && double.IsFinite(v)).ToList();
        return candidates
            .Where(a => !candidates.Any(b => Dominates(b, a)))
            .OrderBy(t => t.ParameterCount)
            .ThenByDescending(t => t.Value)
            .ToArray();
    }

    /// <summary>The finer validation metric that breaks ties (lower is better): log loss, else RMSE; null when neither was measured.</summary>
    public static double? TieBreak(TrialSummary t) =>
        t.ValidationMetrics.TryGetValue("log_loss", out var logLoss) ? logLoss
        : t.ValidationMetrics.TryGetValue("rmse", out var rmse) ? rmse
        : null;

    private static bool Dominates(TrialSummary b, TrialSummary a) =>
        b.Value >= a.Value && b.ParameterCount <= a.ParameterCount && b.LatencyMs <= a.LatencyMs
        && (b.Value > a.Value || b.ParameterCount < a.ParameterCount || b.LatencyMs < a.LatencyMs);

    private static bool Measured(TrialSummary t) =>
        t.Status == TrialStatus.Complete && t.ParameterCount is not null && t.LatencyMs is not null && t.ArtifactBytes is not null;

    private static double? SelectionScore(TrialSummary t, string metric) =>
        t.ValidationMetrics.TryGetValue(metric, out var v) ? v : t.Value;
}
