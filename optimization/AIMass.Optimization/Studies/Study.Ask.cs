using AIMass.Optimization.Serialization;

namespace AIMass.Optimization;

public sealed partial class Study
{
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();

    /// <summary>
    /// Starts a trial: the oldest enqueued trial if any waits, otherwise a new one. The sampler's
    /// <see cref="ISampler.BeforeTrial"/> and relative sampling run here.
    /// </summary>
    public Trial Ask() => Ask(null);

    /// <summary>Starts a trial and suggests the given parameters right away (define-and-run).</summary>
    public Trial Ask(IReadOnlyDictionary<string, Distribution>? fixedDistributions)
    {
        var now = TimeProvider.GetUtcNow();
        var number = Storage.ClaimWaitingTrial(now) ?? Storage.CreateTrial(TrialState.Running, now);
        Trial trial;
        try
        {
            Sampler.BeforeTrial(this, Storage.GetTrial(number));
            var frozen = Storage.GetTrial(number);
            var relative = NoParams;
            var space = Sampler.InferRelativeSearchSpace(this, frozen);
            if (space.Count > 0)
            {
                relative = Sampler.SampleRelative(this, frozen, space);
                if (relative.Count > 0)
                {
                    var stored = new Dictionary<string, object?>(relative.Count, StringComparer.Ordinal);
                    foreach (var (k, v) in relative) stored[k] = v;
                    Storage.SetTrialSystemAttribute(number, RelativeParamsKey, stored);
                }
            }
            trial = new Trial(this, number, relative, FixedParamsOf(frozen));
        }
        catch (Exception e)
        {
            FailQuietly(number, $"The sampler failed while starting the trial: {e.Message}");
            throw;
        }
        if (fixedDistributions is not null)
        {
            foreach (var (name, distribution) in fixedDistributions) trial.Suggest(name, distribution);
        }
        return trial;
    }

    /// <summary>
    /// Re-attaches to a running trial (for example after <see cref="FromSnapshot"/>) to suggest, report or ask
    /// whether to prune; throws <see cref="ArgumentException"/> when the trial is unknown or not running.
    /// </summary>
    public Trial GetRunningTrial(int number)
    {
        var frozen = Storage.GetTrial(number);
        if (frozen.State != TrialState.Running)
        {
            throw new ArgumentException($"Trial {number} is {frozen.State}, not running.", nameof(number));
        }
        var relative = NoParams;
        if (frozen.SystemAttributes.TryGetValue(RelativeParamsKey, out var stored) && stored is IReadOnlyDictionary<string, object?> dict)
        {
            var d = new Dictionary<string, double>(dict.Count, StringComparer.Ordinal);
            foreach (var (k, v) in dict)
            {
                if (AttributeValues.IsNumber(v)) d[k] = Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
            }
            relative = d;
        }
        return new Trial(this, number, relative, FixedParamsOf(frozen));
    }

    /// <summary>
    /// Enqueues a trial whose parameters are fixed to <paramref name="parameters"/> (external values) when
    /// suggested with a distribution that holds them; others are sampled. The next <see cref="Ask()"/> takes it.
    /// </summary>
    public void EnqueueTrial(IReadOnlyDictionary<string, object?> parameters, IReadOnlyDictionary<string, object?>? userAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fixedParams = new Dictionary<string, object?>(parameters.Count, StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("Parameter names must not be empty.", nameof(parameters));
            fixedParams[name] = AttributeValues.Normalize(value, $"enqueued parameter '{name}'");
        }
        var system = new Dictionary<string, object?> { [FixedParamsKey] = fixedParams };
        Storage.CreateTrial(TrialState.Waiting, null, userAttributes, system);
    }

    /// <summary>Adds a finished trial (for example from an earlier study, to warm-start the sampler); returns its number.</summary>
    public int AddTrial(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.State == TrialState.Complete && trial.Values!.Count != Directions.Count)
        {
            throw new ArgumentException($"The trial has {trial.Values.Count} values; the study has {Directions.Count} objectives.", nameof(trial));
        }
        var number = Storage.AddTrial(trial);
        if (trial.State == TrialState.Complete) UpdateBest(Storage.GetTrial(number));
        return number;
    }

    private static IReadOnlyDictionary<string, object?>? FixedParamsOf(FrozenTrial frozen) =>
        frozen.SystemAttributes.TryGetValue(FixedParamsKey, out var f) ? f as IReadOnlyDictionary<string, object?> : null;

    private void FailQuietly(int number, string reason)
    {
        try
        {
            if (Storage.GetTrialState(number) != TrialState.Running) return;
            Storage.SetTrialSystemAttribute(number, FailReasonKey, reason);
            Storage.FinishTrial(number, TrialState.Fail, null, TimeProvider.GetUtcNow());
        }
        catch (ArgumentException)
        {
            // Someone else finished it meanwhile.
        }
    }
}
