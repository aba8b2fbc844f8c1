namespace AIMass.Grains.Studies.Leaderboards;

/// <summary>
/// Builds a scenario's leaderboard from the study's trials: complete models that meet every constraint,
/// ranked by the selection metric on the validation split (never the test split), reported with their
/// test metrics. Also the Pareto front of validation score vs parameters vs latency.
/// </summary>
public static class LeaderboardBuilder
{
    public static Leaderboard Build(ScenarioSpec scenario, string studyMetric, IEnumerable<TrialSummary> trials, int limit = 20)
    {
        var metric = scenario.Metric ?? studyMetric;
        var higher = MetricDirections.HigherIsBetter(metric);
        var ranked = Measured(trials)
            .Where(t => scenario.Admits(t.ParameterCount!.Value, t.LatencyMs!.Value, t.ArtifactBytes!.Value))
            .Select(t => (Trial: t, Score: SelectionScore(t, metric)))
            .Where(x => x.Score is not null && double.IsFinite(x.Score.Value))
            .OrderBy(x => higher ? -x.Score!.Value : x.Score!.Value)
            .ThenBy(x => x.Trial.ParameterCount)
            .ThenBy(x => x.Trial.Number)
            .Take(limit)
            .Select((x, i) => new LeaderboardEntry
            {
                Rank = i + 1,
                TrialNumber = x.Trial.Number,
                ValidationScore = x.Score!.Value,
                TestScore = x.Trial.TestMetrics.TryGetValue(metric, out var test) ? test : null,
                TestMetrics = x.Trial.TestMetrics,
                ParameterCount = x.Trial.ParameterCount!.Value,
                LatencyMs = x.Trial.LatencyMs!.Value,
                ArtifactBytes = x.Trial.ArtifactBytes!.Value,
                Family = x.Trial.Family,
                TeacherTrial = x.Trial.TeacherTrial,
                Kind = x.Trial.Kind,
            })
            .ToArray();
        return new Leaderboard { Scenario = scenario, Metric = metric, Entries = ranked };
    }

    /// <summary>Complete models not dominated on (higher validation score, fewer parameters, lower latency).</summary>
    public static TrialSummary[] ParetoFront(IEnumerable<TrialSummary> trials)
    {
        var candidates = Measured(trials).Where(t => t.Value is { } v && double.IsFinite(v)).ToList();
        return candidates
            .Where(a => !candidates.Any(b => Dominates(b, a)))
            .OrderBy(t => t.ParameterCount)
            .ThenByDescending(t => t.Value)
            .ToArray();
    }

    private static bool Dominates(TrialSummary b, TrialSummary a) =>
        b.Value >= a.Value && b.ParameterCount <= a.ParameterCount && b.LatencyMs <= a.LatencyMs
        && (b.Value > a.Value || b.ParameterCount < a.ParameterCount || b.LatencyMs < a.LatencyMs);

    private static IEnumerable<TrialSummary> Measured(IEnumerable<TrialSummary> trials) => trials.Where(t =>
        t.Status == TrialStatus.Complete && t.ParameterCount is not null && t.LatencyMs is not null && t.ArtifactBytes is not null);

    private static double? SelectionScore(TrialSummary t, string metric) =>
        t.ValidationMetrics.TryGetValue(metric, out var v) ? v : t.Value;
}
