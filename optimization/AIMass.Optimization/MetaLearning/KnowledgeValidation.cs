namespace AIMass.Optimization.MetaLearning;

/// <summary>The rules an entry must meet to join a <see cref="KnowledgeBase"/>.</summary>
internal static class KnowledgeValidation
{
    /// <summary>What is wrong with <paramref name="entry"/>, or <c>null</c> when it is valid.</summary>
    public static string? Problem(KnowledgeEntry? entry)
    {
        if (entry is null) return "the entry is null";
        if (string.IsNullOrWhiteSpace(entry.TaskId)) return "taskId is empty";
        if (!KnowledgeEntry.TaskKinds.Contains(entry.Task)) return $"task '{entry.Task}' is not one of: {string.Join(", ", KnowledgeEntry.TaskKinds)}";
        if (entry.MetaFeatures is null) return "metaFeatures is missing";
        foreach (var (name, value) in entry.MetaFeatures)
        {
            if (string.IsNullOrEmpty(name)) return "a meta-feature has an empty name";
            if (!double.IsFinite(value)) return $"meta-feature '{name}' is {value}, not a finite number";
        }
        if (entry.Top is null) return "top is missing";
        for (var i = 0; i < entry.Top.Count; i++)
        {
            var c = entry.Top[i];
            if (c?.Parameters is null) return $"top[{i}] has no parameters";
            if (c.Parameters.Any(kv => string.IsNullOrEmpty(kv.Key) || kv.Value is null)) return $"top[{i}] has a parameter with an empty name or a null value";
            if (!double.IsFinite(c.Score)) return $"top[{i}].score is {c.Score}, not a finite number";
            if (!(c.NormalizedScore is >= 0 and <= 1)) return $"top[{i}].normalizedScore is {c.NormalizedScore}, outside 0..1";
        }
        if (entry.Curves is null) return "curves is null";
        if (entry.Curves.Count > entry.Top.Count) return $"there are {entry.Curves.Count} curves for {entry.Top.Count} top configurations";
        for (var i = 0; i < entry.Curves.Count; i++)
        {
            if (entry.Curves[i] is null) return $"curves[{i}] is null";
            if (entry.Curves[i].Any(v => !double.IsFinite(v))) return $"curves[{i}] holds a value that is not a finite number";
        }
        if (entry.Evaluations is null) return "evaluations is null";
        for (var i = 0; i < entry.Evaluations.Count; i++)
        {
            var e = entry.Evaluations[i];
            if (e is null || string.IsNullOrWhiteSpace(e.SourceTaskId)) return $"evaluations[{i}] has no source task id";
            if (e.Parameters is null || e.Parameters.Any(kv => string.IsNullOrEmpty(kv.Key) || kv.Value is null)) return $"evaluations[{i}] has no parameters or a parameter with an empty name or a null value";
            if (!double.IsFinite(e.Score)) return $"evaluations[{i}].score is {e.Score}, not a finite number";
        }
        if (entry.TrialCount < 0) return $"trialCount is {entry.TrialCount}, negative";
        if (!double.IsFinite(entry.BestScore) || !double.IsFinite(entry.MedianScore) || !double.IsFinite(entry.WorstScore)) return "bestScore, medianScore and worstScore must be finite numbers";
        return null;
    }
}
