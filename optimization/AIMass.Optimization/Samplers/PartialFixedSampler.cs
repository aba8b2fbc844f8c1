using AIMass.Optimization.Serialization;

namespace AIMass.Optimization.Samplers;

/// <summary>
/// Fixes some parameters to given values and lets an inner sampler choose the rest. A fixed value outside the
/// suggested domain is an <see cref="ArgumentException"/> naming the parameter.
/// </summary>
public sealed class PartialFixedSampler : ISampler
{
    private readonly IReadOnlyDictionary<string, object?> _fixed;

    /// <summary>Creates the sampler.</summary>
    public PartialFixedSampler(IReadOnlyDictionary<string, object?> fixedParams, ISampler baseSampler)
    {
        ArgumentNullException.ThrowIfNull(fixedParams);
        ArgumentNullException.ThrowIfNull(baseSampler);
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in fixedParams)
        {
            if (string.IsNullOrEmpty(k)) throw new ArgumentException("Fixed parameter names must not be empty.", nameof(fixedParams));
            copy[k] = AttributeValues.Normalize(v, $"fixed parameter '{k}'");
        }
        _fixed = copy;
        BaseSampler = baseSampler;
    }

    /// <summary>The sampler for the parameters that are not fixed.</summary>
    public ISampler BaseSampler { get; }

    /// <summary>The fixed parameters (external values).</summary>
    public IReadOnlyDictionary<string, object?> FixedParams => _fixed;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        var inner = BaseSampler.InferRelativeSearchSpace(study, trial);
        var result = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (k, d) in inner)
        {
            if (!_fixed.ContainsKey(k)) result[k] = d;
        }
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        BaseSampler.SampleRelative(study, trial, searchSpace);

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution)
    {
        if (!_fixed.TryGetValue(paramName, out var value)) return BaseSampler.SampleIndependent(study, trial, paramName, distribution);
        if (!distribution.TryToInternal(value, out var internalValue) || !distribution.Contains(internalValue))
        {
            throw new ArgumentException($"Fixed value {value ?? "null"} of parameter '{paramName}' lies outside {distribution}.", nameof(distribution));
        }
        return internalValue;
    }

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial) => BaseSampler.BeforeTrial(study, trial);

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values) =>
        BaseSampler.AfterTrial(study, trial, state, values);
}
