using System.Text.Json.Serialization;
using AIMass.Optimization.Serialization;

namespace AIMass.Optimization;

/// <summary>One trial inside a <see cref="StudySnapshot"/>: parameters in internal form with their distributions.</summary>
public sealed class TrialSnapshot
{
    /// <summary>The trial number (0-based, unique in the study).</summary>
    public int Number { get; init; }

    /// <summary>The trial's state.</summary>
    public TrialState State { get; init; }

    /// <summary>Objective values (complete trials; the last intermediate value of pruned ones), or null.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Parameters in internal form (categoricals as choice index), in suggestion order.</summary>
    public IReadOnlyDictionary<string, double> Params { get; init; } = new Dictionary<string, double>();

    /// <summary>Each parameter's distribution.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } = new Dictionary<string, Distribution>();

    /// <summary>Reported intermediate values by step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues { get; init; } = new Dictionary<int, double>();

    /// <summary>User attributes.</summary>
    [JsonConverter(typeof(AttributeDictionaryJsonConverter))]
    public IReadOnlyDictionary<string, object?> UserAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>System attributes (samplers' and pruners' bookkeeping).</summary>
    [JsonConverter(typeof(AttributeDictionaryJsonConverter))]
    public IReadOnlyDictionary<string, object?> SystemAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>When the trial started running, or null (waiting trials).</summary>
    public DateTimeOffset? DatetimeStart { get; init; }

    /// <summary>When the trial finished, or null.</summary>
    public DateTimeOffset? DatetimeComplete { get; init; }
}
