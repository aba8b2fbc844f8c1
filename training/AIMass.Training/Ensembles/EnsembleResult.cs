namespace AIMass.Training.Ensembles;

/// <summary>An ensemble built by <see cref="EnsembleBuilder"/>: its outcome (artifact and scores) and each member's weight by source.</summary>
public sealed record EnsembleResult(TrainingOutcome Outcome, IReadOnlyDictionary<string, double> Weights);
