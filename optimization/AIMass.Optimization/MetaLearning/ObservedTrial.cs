namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// A finished trial as the knowledge base learns from it (see <see cref="KnowledgeEntry.FromTrials"/>): its
/// parameters as invariant text, its validation score (higher is better; a non-finite score marks a failed trial,
/// which is left out) and, optionally, its validation curve (the score after each epoch).
/// </summary>
public sealed record ObservedTrial(IReadOnlyDictionary<string, string> Parameters, double Score, IReadOnlyList<double>? Curve = null);
