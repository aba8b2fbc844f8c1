using System.Collections.ObjectModel;
using AIMass.Optimization.Randomness;
using AIMass.Optimization.Serialization;

namespace AIMass.Optimization.Samplers;

/// <summary>
/// Runs every combination of the given parameter values once, in a seeded random order. Each trial's grid point
/// (<c>grid_id</c>) is written to its system attributes when it starts; grid points of running and finished trials
/// are not repeated. When every point has been taken, the study is stopped (a later trial repeats a point).
/// Suggesting a parameter outside the grid, or a grid value outside the suggested domain, is an
/// <see cref="ArgumentException"/>.
/// </summary>
public sealed class GridSampler : ISampler
{
    internal const string GridIdKey = "grid_id";
    private static readonly IReadOnlyDictionary<string, Distribution> NoSpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();
    private readonly string[] _names;
    private readonly IReadOnlyList<object?>[] _values;

    /// <summary>Creates the sampler over <paramref name="searchSpace"/> (parameter name → values, each list non-empty).</summary>
    public GridSampler(IReadOnlyDictionary<string, IReadOnlyList<object?>> searchSpace, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0) throw new ArgumentException("The grid needs at least one parameter.", nameof(searchSpace));
        _names = searchSpace.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        _values = new IReadOnlyList<object?>[_names.Length];
        long size = 1;
        for (var i = 0; i < _names.Length; i++)
        {
            var list = searchSpace[_names[i]] ?? throw new ArgumentException($"Grid parameter '{_names[i]}' has no values.", nameof(searchSpace));
            if (list.Count == 0) throw new ArgumentException($"Grid parameter '{_names[i]}' has no values.", nameof(searchSpace));
            _values[i] = new ReadOnlyCollection<object?>(list.Select(v => AttributeValues.Normalize(v, $"grid value of '{_names[i]}'")).ToList());
            size *= list.Count;
            if (size > int.MaxValue) throw new ArgumentException("The grid has more than 2^31 points.", nameof(searchSpace));
        }
        GridSize = (int)size;
        Seed = seed ?? Random.Shared.Next();
    }

    /// <summary>Number of grid points.</summary>
    public int GridSize { get; }

    /// <summary>The seed of the visiting order.</summary>
    public int Seed { get; }

    /// <summary>The grid's parameter names (sorted).</summary>
    public IReadOnlyList<string> ParamNames => _names;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) => NoSpace;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace) => NoParams;

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial)
    {
        if (trial.SystemAttributes.ContainsKey(GridIdKey)) return;
        var unvisited = Unvisited(study, trial.Number);
        var rng = SeededRandom.ForTrial(Seed, trial.Number, "grid");
        var id = unvisited.Count > 0 ? unvisited[rng.NextInt(unvisited.Count)] : rng.NextInt(GridSize);
        study.SetTrialSystemAttribute(trial.Number, GridIdKey, id);
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution)
    {
        var index = Array.IndexOf(_names, paramName);
        if (index < 0) throw new ArgumentException($"Parameter '{paramName}' is not in the grid ({string.Join(", ", _names)}).", nameof(paramName));
        if (!trial.SystemAttributes.TryGetValue(GridIdKey, out var raw) || raw is not int id)
        {
            throw new InvalidOperationException($"Trial {trial.Number} has no grid point; GridSampler.BeforeTrial did not run.");
        }
        var value = PointValue(id, index);
        if (!distribution.TryToInternal(value, out var internalValue) || !distribution.Contains(internalValue))
        {
            throw new ArgumentException($"Grid value {value ?? "null"} of parameter '{paramName}' lies outside {distribution}.", nameof(distribution));
        }
        return internalValue;
    }

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
        if (Unvisited(study, -1).Count == 0) study.Stop();
    }

    /// <summary>The value of parameter <paramref name="paramIndex"/> at grid point <paramref name="id"/>.</summary>
    public object? PointValue(int id, int paramIndex)
    {
        for (var i = _names.Length - 1; i > paramIndex; i--) id /= _values[i].Count;
        return _values[paramIndex][id % _values[paramIndex].Count];
    }

    private List<int> Unvisited(Study study, int exceptNumber)
    {
        var visited = new bool[GridSize];
        foreach (var t in study.Trials)
        {
            if (t.Number == exceptNumber || t.State == TrialState.Waiting) continue;
            if (t.SystemAttributes.TryGetValue(GridIdKey, out var raw) && raw is int id && id >= 0 && id < GridSize) visited[id] = true;
        }
        var result = new List<int>();
        for (var i = 0; i < GridSize; i++)
        {
            if (!visited[i]) result.Add(i);
        }
        return result;
    }
}
