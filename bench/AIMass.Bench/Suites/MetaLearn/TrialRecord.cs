using AIMass.Optimization;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>One trial of a benchmark study: its parameters, whether it was a warm-start trial, how it ended, its
/// validation score (the best epoch's; <c>NaN</c> when it failed), its validation curve, and whether it was trained
/// (false: replayed from the <see cref="TrialCache"/>).</summary>
internal sealed record TrialRecord(
    int Number, bool Warm, IReadOnlyDictionary<string, string> Parameters, TrialState State, double Score, double[] Curve, bool Trained, string? Error);
