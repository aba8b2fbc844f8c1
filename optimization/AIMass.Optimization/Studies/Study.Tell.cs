namespace AIMass.Optimization;

public sealed partial class Study
{
    /// <summary>Finishes a single-objective trial with its value (NaN makes it a failed trial).</summary>
    public FrozenTrial Tell(Trial trial, double value) => Tell(Own(trial), value);

    /// <summary>Finishes a trial with one value per objective (any NaN makes it a failed trial).</summary>
    public FrozenTrial Tell(Trial trial, IReadOnlyList<double> values) => Tell(Own(trial), values);

    /// <summary>
    /// Finishes a trial without values: <see cref="TrialState.Pruned"/> (its last intermediate value becomes its
    /// value) or <see cref="TrialState.Fail"/>. <see cref="TrialState.Complete"/> needs values.
    /// </summary>
    public FrozenTrial Tell(Trial trial, TrialState state) => Tell(Own(trial), state);

    /// <summary>Finishes trial <paramref name="trialNumber"/> with its value (NaN makes it a failed trial).</summary>
    public FrozenTrial Tell(int trialNumber, double value) => TellCore(trialNumber, null, [value]);

    /// <summary>Finishes trial <paramref name="trialNumber"/> with one value per objective.</summary>
    public FrozenTrial Tell(int trialNumber, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return TellCore(trialNumber, null, values);
    }

    /// <summary>Finishes trial <paramref name="trialNumber"/> as pruned or failed.</summary>
    public FrozenTrial Tell(int trialNumber, TrialState state) => TellCore(trialNumber, state, null);

    private int Own(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!ReferenceEquals(trial.Study, this)) throw new ArgumentException($"Trial {trial.Number} belongs to another study.", nameof(trial));
        return trial.Number;
    }

    private FrozenTrial TellCore(int number, TrialState? requested, IReadOnlyList<double>? values)
    {
        TrialState state;
        string? failReason = null;
        if (values is not null)
        {
            if (values.Count != Directions.Count)
            {
                throw new ArgumentException(
                    $"Trial {number} was told {values.Count} value(s); the study has {Directions.Count} objective(s).", nameof(values));
            }
            state = TrialState.Complete;
            foreach (var v in values)
            {
                if (double.IsNaN(v))
                {
                    state = TrialState.Fail;
                    failReason = "The objective value is NaN.";
                    values = null;
                    break;
                }
            }
            if (values is not null) values = values.ToArray();
        }
        else
        {
            state = requested!.Value;
            switch (state)
            {
                case TrialState.Complete:
                    throw new ArgumentException($"Telling trial {number} complete needs its value(s).", nameof(requested));
                case TrialState.Running:
                case TrialState.Waiting:
                    throw new ArgumentException($"A trial is told pruned, failed or complete, not {state}.", nameof(requested));
                case TrialState.Pruned:
                case TrialState.Fail:
                    break;
                default:
                    throw new ArgumentException($"Unknown trial state {(int)state}.", nameof(requested));
            }
        }

        if (!_telling.TryAdd(number, 0))
        {
            throw new ArgumentException($"Trial {number} is being told by another caller.", nameof(number));
        }
        try
        {
            var current = Storage.GetTrial(number);
            if (current.State != TrialState.Running)
            {
                throw new ArgumentException($"Trial {number} is already {current.State}; only running trials can be told.", nameof(number));
            }
            if (state == TrialState.Pruned && !IsMultiObjective && current.LastStep is { } last)
            {
                values = [current.IntermediateValues[last]];
            }
            if (failReason is not null) Storage.SetTrialSystemAttribute(number, FailReasonKey, failReason);
            Sampler.AfterTrial(this, Storage.GetTrial(number), state, values);
            var finished = Storage.FinishTrial(number, state, values, TimeProvider.GetUtcNow());
            if (state == TrialState.Complete) UpdateBest(finished);
            return finished;
        }
        finally
        {
            _telling.TryRemove(number, out _);
        }
    }
}
