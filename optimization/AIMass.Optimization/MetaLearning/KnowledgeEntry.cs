namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// What is known about one finished task (a study on one data set): the data set's meta-features, the best
/// configurations found with their scores, and their validation curves. Only meta-features and configurations are
/// kept, never data. An entry helps other tenants only when <see cref="Shared"/> is true; its owner always benefits.
/// </summary>
public sealed record KnowledgeEntry
{
    /// <summary>The task kinds an entry may have.</summary>
    public static IReadOnlyList<string> TaskKinds { get; } = ["classification", "regression"];

    /// <summary>The task's id, unique per <see cref="Owner"/> within a knowledge base (a study key, or a name such as <c>iris</c>).</summary>
    public required string TaskId { get; init; }

    /// <summary>The data set the task ran on (tasks on the same data, e.g. digits as a table and as images, share it);
    /// <c>null</c> when unknown. Leave-one-data-set-out evaluation groups by it.</summary>
    public string? DataSet { get; init; }

    /// <summary>The tenant whose study this was, or <c>null</c> for the shipped prior.</summary>
    public string? Owner { get; init; }

    /// <summary>Whether other tenants may use this entry (false for tenants who opted out of sharing).</summary>
    public bool Shared { get; init; } = true;

    /// <summary><c>classification</c> or <c>regression</c>.</summary>
    public required string Task { get; init; }

    /// <summary>The selection metric the scores are in (<c>accuracy</c>, <c>r2</c>), for reading; higher is better.</summary>
    public string? Metric { get; init; }

    /// <summary>The data set's meta-features by name (finite values).</summary>
    public required IReadOnlyDictionary<string, double> MetaFeatures { get; init; }

    /// <summary>The best distinct configurations, best first.</summary>
    public required IReadOnlyList<KnownConfiguration> Top { get; init; }

    /// <summary>The validation curves (score after each epoch) of the configurations in <see cref="Top"/>, index by index;
    /// may be shorter than <see cref="Top"/> (curves are optional) and a curve may be empty.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Curves { get; init; } = [];

    /// <summary>Configurations from other tasks' top lists trained on this task (see <see cref="CrossEvaluation"/>); empty
    /// for entries recorded by the service, which knows only its own trials.</summary>
    public IReadOnlyList<CrossEvaluation> Evaluations { get; init; } = [];

    /// <summary>Finished trials the entry summarises.</summary>
    public int TrialCount { get; init; }

    /// <summary>The best score among the task's finished trials.</summary>
    public double BestScore { get; init; }

    /// <summary>The median score among the task's finished trials (what a typical configuration reaches).</summary>
    public double MedianScore { get; init; }

    /// <summary>The worst score among the task's finished trials.</summary>
    public double WorstScore { get; init; }

    /// <summary>Whether <paramref name="requester"/> (a tenant id, or <c>null</c> for nobody in particular) may use this
    /// entry: shared entries help everybody, private ones only their owner.</summary>
    public bool IsVisibleTo(string? requester) => Shared || (Owner is not null && string.Equals(Owner, requester, StringComparison.Ordinal));

    /// <summary>
    /// Summarises a task's finished trials: failed ones (non-finite score) are left out, configurations are
    /// de-duplicated (the best score of identical parameter sets counts), the best <paramref name="top"/> are kept
    /// best first (ties: earlier trial first) with their normalised scores and curves. Throws
    /// <see cref="ArgumentException"/> naming what is wrong (no finished trial, unknown task kind, a non-finite
    /// meta-feature).
    /// </summary>
    public static KnowledgeEntry FromTrials(
        string taskId,
        string task,
        IReadOnlyDictionary<string, double> metaFeatures,
        IEnumerable<ObservedTrial> trials,
        int top = 10,
        string? owner = null,
        bool shared = true,
        string? dataSet = null,
        string? metric = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentNullException.ThrowIfNull(metaFeatures);
        ArgumentNullException.ThrowIfNull(trials);
        if (!TaskKinds.Contains(task)) throw new ArgumentException($"Task '{task}' is not one of: {string.Join(", ", TaskKinds)}.", nameof(task));
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "At least one top configuration must be kept.");
        foreach (var (name, value) in metaFeatures)
        {
            if (!double.IsFinite(value)) throw new ArgumentException($"Meta-feature '{name}' is {value}; meta-features must be finite.", nameof(metaFeatures));
        }
        var finished = new List<(ObservedTrial Trial, int Order)>();
        var order = 0;
        foreach (var trial in trials)
        {
            ArgumentNullException.ThrowIfNull(trial, nameof(trials));
            if (trial.Parameters is null) throw new ArgumentException($"Trial {order} has no parameters.", nameof(trials));
            if (double.IsFinite(trial.Score)) finished.Add((trial, order));
            order++;
        }
        if (finished.Count == 0) throw new ArgumentException($"Task '{taskId}' has no finished trial with a finite score.", nameof(trials));

        var scores = finished.Select(f => f.Trial.Score).OrderBy(s => s).ToArray();
        var worst = scores[0];
        var best = scores[^1];
        var median = scores.Length % 2 == 1 ? scores[scores.Length / 2] : (scores[scores.Length / 2 - 1] + scores[scores.Length / 2]) / 2;
        var chosen = new List<ObservedTrial>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (trial, _) in finished.OrderByDescending(f => f.Trial.Score).ThenBy(f => f.Order))
        {
            if (!seen.Add(ParameterKey(trial.Parameters))) continue;
            chosen.Add(trial);
            if (chosen.Count == top) break;
        }
        return new KnowledgeEntry
        {
            TaskId = taskId,
            DataSet = dataSet,
            Owner = owner,
            Shared = shared,
            Task = task,
            Metric = metric,
            MetaFeatures = new SortedDictionary<string, double>(metaFeatures.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            Top = chosen.Select(t => new KnownConfiguration
            {
                Parameters = new SortedDictionary<string, string>(t.Parameters.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
                Score = t.Score,
                NormalizedScore = best > worst ? (t.Score - worst) / (best - worst) : 1.0,
            }).ToList(),
            Curves = chosen.Select(t => (IReadOnlyList<double>)(t.Curve?.Where(double.IsFinite).ToArray() ?? [])).ToList(),
            TrialCount = finished.Count,
            BestScore = best,
            MedianScore = median,
            WorstScore = worst,
        };
    }

    /// <summary>A canonical text of a parameter dictionary (names sorted), for telling configurations apart.</summary>
    public static string ParameterKey(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join("\u001f", parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
    }
}
