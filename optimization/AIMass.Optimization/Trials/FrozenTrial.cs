using System.Collections.ObjectModel;

namespace AIMass.Optimization;

/// <summary>
/// An immutable view of a trial at one moment: what samplers, pruners and callers read. Finished trials' frozen
/// views are created once and shared.
/// </summary>
public sealed class FrozenTrial
{
    private static readonly IReadOnlyDictionary<string, object?> NoAttributes = new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());
    private readonly Dictionary<string, double> _internalParams;
    private IReadOnlyDictionary<string, object?>? _params;

    /// <summary>Creates a frozen trial; parameters are given in internal form with their distributions.</summary>
    public FrozenTrial(
        int number,
        TrialState state,
        IReadOnlyList<double>? values,
        IReadOnlyDictionary<string, double> internalParams,
        IReadOnlyDictionary<string, Distribution> distributions,
        IReadOnlyDictionary<int, double>? intermediateValues = null,
        IReadOnlyDictionary<string, object?>? userAttributes = null,
        IReadOnlyDictionary<string, object?>? systemAttributes = null,
        DateTimeOffset? datetimeStart = null,
        DateTimeOffset? datetimeComplete = null)
    {
        ArgumentNullException.ThrowIfNull(internalParams);
        ArgumentNullException.ThrowIfNull(distributions);
        if (number < 0) throw new ArgumentOutOfRangeException(nameof(number), number, "Trial numbers start at 0.");
        foreach (var (name, value) in internalParams)
        {
            if (!distributions.TryGetValue(name, out var d))
            {
                throw new ArgumentException($"Parameter '{name}' has no distribution.", nameof(distributions));
            }
            if (!d.Contains(value))
            {
                throw new ArgumentException($"Parameter '{name}' = {value} (internal) is outside {d}.", nameof(internalParams));
            }
        }
        if (distributions.Count != internalParams.Count)
        {
            throw new ArgumentException("Every distribution needs a parameter value and the other way round.", nameof(distributions));
        }
        Number = number;
        State = state;
        Values = values;
        _internalParams = new Dictionary<string, double>(internalParams, StringComparer.Ordinal);
        InternalParams = _internalParams.AsReadOnly();
        Distributions = distributions;
        IntermediateValues = intermediateValues ?? new Dictionary<int, double>();
        UserAttributes = userAttributes ?? NoAttributes;
        SystemAttributes = systemAttributes ?? NoAttributes;
        DatetimeStart = datetimeStart;
        DatetimeComplete = datetimeComplete;
        var last = -1;
        var any = false;
        foreach (var step in IntermediateValues.Keys)
        {
            if (!any || step > last) last = step;
            any = true;
        }
        LastStep = any ? last : null;
    }

    /// <summary>The trial number (0-based, unique in the study).</summary>
    public int Number { get; }

    /// <summary>The trial's state when this view was taken.</summary>
    public TrialState State { get; }

    /// <summary>The objective value of a single-objective trial, or null (not finished, failed, or several objectives).</summary>
    public double? Value => Values is { Count: 1 } v ? v[0] : null;

    /// <summary>The objective values, or null.</summary>
    public IReadOnlyList<double>? Values { get; }

    /// <summary>Parameters in external form (double, int, or the categorical choice), in suggestion order.</summary>
    public IReadOnlyDictionary<string, object?> Params => _params ??= BuildExternal();

    /// <summary>Parameters in internal form (categoricals as choice index).</summary>
    public IReadOnlyDictionary<string, double> InternalParams { get; }

    /// <summary>Each parameter's distribution.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; }

    /// <summary>A parameter's internal value without going through the read-only wrapper (hot paths of samplers).</summary>
    public bool TryGetInternal(string name, out double value) => _internalParams.TryGetValue(name, out value);

    /// <summary>Reported intermediate values by step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues { get; }

    /// <summary>The largest reported step, or null.</summary>
    public int? LastStep { get; }

    /// <summary>User attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes { get; }

    /// <summary>System attributes (samplers' and pruners' bookkeeping).</summary>
    public IReadOnlyDictionary<string, object?> SystemAttributes { get; }

    /// <summary>When the trial started running.</summary>
    public DateTimeOffset? DatetimeStart { get; }

    /// <summary>When the trial finished.</summary>
    public DateTimeOffset? DatetimeComplete { get; }

    /// <summary>Run time of a finished trial, or null.</summary>
    public TimeSpan? Duration => DatetimeStart is { } s && DatetimeComplete is { } c ? c - s : null;

    /// <summary>Whether the trial has finished (complete, pruned or failed).</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Pruned or TrialState.Fail;

    /// <inheritdoc />
    public override string ToString() =>
        $"FrozenTrial(number: {Number}, state: {State}, values: [{string.Join(", ", Values ?? [])}], params: {{{string.Join(", ", Params.Select(p => $"{p.Key}: {p.Value}"))}}})";

    private IReadOnlyDictionary<string, object?> BuildExternal()
    {
        var d = new Dictionary<string, object?>(InternalParams.Count, StringComparer.Ordinal);
        foreach (var (name, value) in InternalParams) d[name] = Distributions[name].ToExternal(value);
        return d.AsReadOnly();
    }
}
