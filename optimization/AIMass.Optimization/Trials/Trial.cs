namespace AIMass.Optimization;

/// <summary>
/// A running trial, handed out by <see cref="Study.Ask()"/>. Parameters are defined by running: each Suggest call
/// names a parameter and its domain, so a parameter may exist in some trials only. Suggesting the same name again
/// returns the same value; a different domain for that name is an <see cref="ArgumentException"/>. Values fixed by
/// <see cref="Study.EnqueueTrial"/> are returned when they lie in the suggested domain. One trial is meant for one
/// thread at a time.
/// </summary>
public sealed class Trial
{
    private readonly IReadOnlyDictionary<string, double> _relative;
    private readonly IReadOnlyDictionary<string, object?>? _fixed;

    internal Trial(Study study, int number, IReadOnlyDictionary<string, double> relative, IReadOnlyDictionary<string, object?>? fixedParams)
    {
        Study = study;
        Number = number;
        _relative = relative;
        _fixed = fixedParams;
    }

    /// <summary>The study the trial belongs to.</summary>
    public Study Study { get; }

    /// <summary>The trial number (0-based, unique in the study).</summary>
    public int Number { get; }

    /// <summary>The parameters suggested so far, in external form.</summary>
    public IReadOnlyDictionary<string, object?> Params => Frozen.Params;

    /// <summary>The distributions of the parameters suggested so far.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions => Frozen.Distributions;

    /// <summary>The trial's user attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes => Frozen.UserAttributes;

    /// <summary>The trial's system attributes.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttributes => Frozen.SystemAttributes;

    /// <summary>When the trial started.</summary>
    public DateTimeOffset? DatetimeStart => Frozen.DatetimeStart;

    /// <summary>The current frozen view of this trial.</summary>
    public FrozenTrial Frozen => Study.Storage.GetTrial(Number);

    /// <summary>Suggests a float in [<paramref name="low"/>, <paramref name="high"/>], on a log scale or a step grid.</summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        Suggest(name, new FloatDistribution(low, high, log, step));

    /// <summary>Suggests an integer in [<paramref name="low"/>, <paramref name="high"/>] on a grid of <paramref name="step"/>, optionally on a log scale.</summary>
    public int SuggestInt(string name, int low, int high, bool log = false, int step = 1) =>
        (int)Suggest(name, new IntDistribution(low, high, log, step));

    /// <summary>Suggests one of <paramref name="choices"/> (string, int, long, double, bool or null) and returns it as given.</summary>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var boxed = new object?[choices.Count];
        for (var i = 0; i < boxed.Length; i++) boxed[i] = choices[i];
        var index = (int)Suggest(name, new CategoricalDistribution(boxed));
        return choices[index];
    }

    /// <summary>Suggests a value for any distribution and returns it in internal form.</summary>
    public double Suggest(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        var storage = Study.Storage;
        var frozen = storage.GetTrial(Number);
        if (frozen.State != TrialState.Running)
        {
            throw new InvalidOperationException($"Trial {Number} is {frozen.State}; parameters are suggested only while it runs.");
        }
        if (frozen.Distributions.TryGetValue(name, out var existing))
        {
            if (!existing.Equals(distribution))
            {
                throw new ArgumentException(
                    $"Parameter '{name}' was already suggested in trial {Number} as {existing}; it cannot be redefined as {distribution}.", nameof(name));
            }
            return frozen.InternalParams[name];
        }
        storage.CheckDistribution(name, distribution);
        double value;
        if (_fixed is not null && _fixed.TryGetValue(name, out var fixedValue)
            && distribution.TryToInternal(fixedValue, out var fixedInternal) && distribution.Contains(fixedInternal))
        {
            value = fixedInternal;
        }
        else if (distribution.IsSingle)
        {
            value = distribution.SingleInternalValue;
        }
        else if (_relative.TryGetValue(name, out var relative) && distribution.Contains(relative))
        {
            value = relative;
        }
        else
        {
            value = Study.Sampler.SampleIndependent(Study, frozen, name, distribution);
            if (!distribution.Contains(value))
            {
                throw new InvalidOperationException(
                    $"Sampler {Study.Sampler.GetType().Name} returned {value} for parameter '{name}', outside {distribution}.");
            }
        }
        storage.SetTrialParam(Number, name, value, distribution);
        return value;
    }

    /// <summary>
    /// Reports an intermediate value at <paramref name="step"/> (0 or more) for pruning; a step reported twice keeps
    /// its first value. Not available in multi-objective studies.
    /// </summary>
    public void Report(double value, int step)
    {
        if (Study.IsMultiObjective) throw new InvalidOperationException("Intermediate values are not supported in multi-objective studies.");
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "Steps must not be negative.");
        EnsureRunning();
        Study.Storage.SetTrialIntermediateValue(Number, step, value);
    }

    /// <summary>Whether the study's pruner says this trial should stop now (from its reports so far).</summary>
    public bool ShouldPrune()
    {
        if (Study.IsMultiObjective) throw new InvalidOperationException("Pruning is not supported in multi-objective studies.");
        var frozen = EnsureRunning();
        return Study.Pruner.Prune(Study, frozen);
    }

    /// <summary>Sets a user attribute (null, bool, string, numbers, lists or string-keyed dictionaries of these).</summary>
    public void SetUserAttribute(string key, object? value) => Study.Storage.SetTrialUserAttribute(Number, key, value);

    private FrozenTrial EnsureRunning()
    {
        var frozen = Study.Storage.GetTrial(Number);
        if (frozen.State != TrialState.Running)
        {
            throw new InvalidOperationException($"Trial {Number} is {frozen.State}, not running.");
        }
        return frozen;
    }
}
