namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// Turns meta-feature dictionaries into comparable vectors and measures distances between them. Each feature is
/// first transformed: counts (<see cref="LogScaled"/>: rows, columns, classes, image sizes) by <c>log(1 + x)</c>, heavy-tailed
/// moments (<see cref="SignedLogScaled"/>: skewness, kurtosis) by <c>sign(x) log(1 + |x|)</c>, everything else as is; then
/// z-scored with the mean and standard deviation over the vectors the space was fitted on (a feature that does not vary
/// there keeps unit scale). A feature missing from a vector counts as the mean (0 after z-scoring); features the fitted
/// vectors never had are ignored. Distances are Euclidean with per-feature weights (<see cref="DefaultWeights"/> unless
/// given; a weight of 0 switches a feature off). Immutable; deterministic.
/// </summary>
public sealed class MetaFeatureSpace
{
    /// <summary>Features compared on a log scale (counts).</summary>
    public static IReadOnlySet<string> LogScaled { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "rows", "columns", "classes", "image_channels", "image_height", "image_width",
    };

    /// <summary>Features compared on a signed log scale (heavy-tailed moments).</summary>
    public static IReadOnlySet<string> SignedLogScaled { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "skewness_mean", "skewness_max", "kurtosis_mean", "kurtosis_max",
    };

    /// <summary>
    /// The default weights: modality counts most (a configuration that won on images rarely suits a table), then size
    /// and the landmarkers (how hard the task is for simple models), then the descriptive statistics. Features not
    /// listed weigh <see cref="UnlistedWeight"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, double> DefaultWeights { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["is_image"] = 4.0,
        ["rows"] = 1.0,
        ["log_rows"] = 1.0,
        ["columns"] = 1.0,
        ["classes"] = 1.0,
        ["class_ratio"] = 0.5,
        ["class_entropy"] = 0.5,
        ["numeric_share"] = 0.5,
        ["categorical_share"] = 0.5,
        ["missing_share"] = 0.5,
        ["skewness_mean"] = 0.25,
        ["skewness_max"] = 0.25,
        ["kurtosis_mean"] = 0.25,
        ["kurtosis_max"] = 0.25,
        ["mean_abs_correlation"] = 0.5,
        ["landmark_1nn"] = 1.0,
        ["landmark_naive_bayes"] = 1.0,
        ["landmark_stump"] = 1.0,
        ["landmark_linear"] = 1.0,
        ["image_channels"] = 0.5,
        ["image_height"] = 0.5,
        ["image_width"] = 0.5,
    };

    /// <summary>The weight of a feature <see cref="DefaultWeights"/> does not list.</summary>
    public const double UnlistedWeight = 0.5;

    private readonly Dictionary<string, int> _index;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _weight;

    private MetaFeatureSpace(string[] names, double[] mean, double[] scale, double[] weight)
    {
        Names = names;
        _mean = mean;
        _scale = scale;
        _weight = weight;
        _index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++) _index[names[i]] = i;
    }

    /// <summary>The features of the space, sorted by name (ordinal).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Fits the space on <paramref name="vectors"/> (the union of their feature names; means and standard deviations
    /// per feature over the vectors that have it). <paramref name="weights"/> replaces <see cref="DefaultWeights"/>
    /// (features it does not list weigh <see cref="UnlistedWeight"/>). Throws <see cref="ArgumentException"/> for a
    /// non-finite value or a negative or non-finite weight.
    /// </summary>
    public static MetaFeatureSpace Fit(IEnumerable<IReadOnlyDictionary<string, double>> vectors, IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        weights ??= DefaultWeights;
        foreach (var (name, w) in weights)
        {
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"The weight of meta-feature '{name}' is {w}; weights must be finite and not negative.", nameof(weights));
        }
        var sums = new SortedDictionary<string, (double Sum, double Squares, int Count)>(StringComparer.Ordinal);
        foreach (var vector in vectors)
        {
            ArgumentNullException.ThrowIfNull(vector, nameof(vectors));
            foreach (var (name, raw) in vector)
            {
                if (!double.IsFinite(raw)) throw new ArgumentException($"Meta-feature '{name}' is {raw}; meta-features must be finite.", nameof(vectors));
                var x = Transform(name, raw);
                var s = sums.GetValueOrDefault(name);
                sums[name] = (s.Sum + x, s.Squares + x * x, s.Count + 1);
            }
        }
        var names = sums.Keys.ToArray();
        var mean = new double[names.Length];
        var scale = new double[names.Length];
        var weight = new double[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var (sum, squares, count) = sums[names[i]];
            mean[i] = sum / count;
            var variance = Math.Max(0, squares / count - mean[i] * mean[i]);
            var sd = Math.Sqrt(variance);
            scale[i] = sd > 1e-9 * Math.Max(1, Math.Abs(mean[i])) ? sd : 1.0;
            weight[i] = weights.TryGetValue(names[i], out var w) ? w : UnlistedWeight;
        }
        return new MetaFeatureSpace(names, mean, scale, weight);
    }

    /// <summary>The weight of a feature of the space (0 for a feature the space does not have).</summary>
    public double WeightOf(string name) => _index.TryGetValue(name, out var i) ? _weight[i] : 0;

    /// <summary>The transformed, z-scored vector in the order of <see cref="Names"/> (a missing feature is 0).</summary>
    public double[] Normalize(IReadOnlyDictionary<string, double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var z = new double[Names.Count];
        foreach (var (name, raw) in features)
        {
            if (!_index.TryGetValue(name, out var i)) continue;
            if (!double.IsFinite(raw)) throw new ArgumentException($"Meta-feature '{name}' is {raw}; meta-features must be finite.", nameof(features));
            z[i] = (Transform(name, raw) - _mean[i]) / _scale[i];
        }
        return z;
    }

    /// <summary>The weighted Euclidean distance between two normalised vectors (from <see cref="Normalize"/>).</summary>
    public double Distance(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != Names.Count || b.Length != Names.Count)
        {
            throw new ArgumentException($"Both vectors must have {Names.Count} values (this space's features); got {a.Length} and {b.Length}.");
        }
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += _weight[i] * d * d;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>The weighted Euclidean distance between two meta-feature dictionaries.</summary>
    public double Distance(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) => Distance(Normalize(a), Normalize(b));

    /// <summary>The transformation applied to a raw value before z-scoring (see the class summary).</summary>
    public static double Transform(string name, double value)
    {
        if (LogScaled.Contains(name)) return Math.Log(1 + Math.Max(0, value));
        if (SignedLogScaled.Contains(name)) return Math.Sign(value) * Math.Log(1 + Math.Abs(value));
        return value;
    }
}
