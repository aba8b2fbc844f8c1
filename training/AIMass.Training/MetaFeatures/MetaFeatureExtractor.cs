using AIMass.Training.Data;
using N = AIMass.Training.MetaFeatures.MetaFeatureNames;

namespace AIMass.Training.MetaFeatures;

/// <summary>
/// Computes a data set's meta-features (<see cref="MetaFeatureNames"/>): what the meta-learner compares data sets by.
/// Work is bounded: apart from one pass over the target column (for the task, the class counts and the labelled rows),
/// everything runs on a seeded subsample of at most <c>maxRows</c> labelled rows, statistics on at most
/// <see cref="MaxStatisticColumns"/> numeric columns, correlations on at most <see cref="MaxCorrelationColumns"/>, and
/// the landmarker models on at most <see cref="MaxLandmarkFeatures"/> encoded features (seeded choices where there are
/// more). Landmarkers train on the first 70% of the shuffled subsample and score on the rest, on features encoded by a
/// <see cref="Preprocessing.TabularPreprocessor"/> fitted on the training part only. Equal inputs and seeds give equal
/// results. Pure CPU, no TorchSharp; thread-safe.
/// </summary>
public static class MetaFeatureExtractor
{
    /// <summary>The default subsample size.</summary>
    public const int DefaultMaxRows = 1000;

    /// <summary>The smallest allowed subsample size.</summary>
    public const int MinMaxRows = 10;

    /// <summary>The most numeric columns whose moments are summarised.</summary>
    public const int MaxStatisticColumns = 256;

    /// <summary>The most numeric columns whose pairwise correlations are averaged.</summary>
    public const int MaxCorrelationColumns = 64;

    /// <summary>The most encoded features the landmarker models see.</summary>
    public const int MaxLandmarkFeatures = 128;

    /// <summary>The share of the subsample held out to score the landmarkers.</summary>
    public const double HoldoutShare = 0.3;

    /// <summary>
    /// Computes every meta-feature of <see cref="MetaFeatureNames.All"/> for predicting <paramref name="target"/> from the
    /// other columns of <paramref name="table"/>. <paramref name="image"/> declares pixel columns (then every other column
    /// is a pixel, in channel-major order). <paramref name="task"/> overrides <see cref="TaskDetector"/>. Throws
    /// <see cref="ArgumentException"/> for an unknown target column, a <paramref name="maxRows"/> below
    /// <see cref="MinMaxRows"/> or an image shape that does not match the columns, and
    /// <see cref="DataValidationException"/> when the table has no feature column, fewer than two rows with a usable
    /// target value, a single class, or cells the preprocessing cannot read.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Compute(
        CsvTable table, string target, ImageShape? image, int seed, int maxRows = DefaultMaxRows, TaskKind? task = null) =>
        ComputeWithWork(table, target, image, seed, maxRows, task).Features;

    /// <summary><see cref="Compute"/>, also saying how much work it did (for tests of the bounds).</summary>
    internal static (IReadOnlyDictionary<string, double> Features, ExtractionWork Work) ComputeWithWork(
        CsvTable table, string target, ImageShape? image, int seed, int maxRows, TaskKind? task)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var targetIndex = table.ColumnIndex(target);
        if (maxRows < MinMaxRows) throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, $"maxRows must be at least {MinMaxRows}.");
        var features = Enumerable.Range(0, table.Columns.Count).Where(c => c != targetIndex).ToArray();
        if (features.Length == 0)
        {
            throw new DataValidationException(new DataError(null, null, $"the table has no feature column besides the target '{target}'"));
        }
        if (image is not null)
        {
            image.Validate();
            if (features.Length != image.Size)
            {
                throw new ArgumentException($"Image shape {image} needs {image.Size} pixel columns, but the table has {features.Length} columns besides the target '{target}'.", nameof(image));
            }
        }
        var kind = task ?? TaskDetector.Detect(table, target);
        var targetCells = table.Column(targetIndex);
        var labelled = LabelledRows(targetCells, kind);
        if (labelled.Count < 2)
        {
            throw new DataValidationException(new DataError(null, target,
                $"has {labelled.Count} row{(labelled.Count == 1 ? "" : "s")} with a usable {(kind == TaskKind.Regression ? "numeric " : "")}target value; meta-features need at least 2"));
        }
        var random = new Random(seed);
        var sample = Subsample(labelled, maxRows, random);

        var result = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [N.Rows] = table.RowCount,
            [N.LogRows] = Math.Log(table.RowCount),
            [N.Columns] = features.Length,
        };
        AddTargetStatistics(result, targetCells, labelled, kind, target);
        var schema = image is null ? SchemaInference.Infer(table, target, sample) : null;
        AddColumnKinds(result, table, features, sample, schema);
        var (statisticColumns, correlationColumns) = AddMoments(result, table, features, sample, schema, random);
        var (landmarks, landmarkFeatures) = LandmarkRunner.Run(table, target, kind, image, sample, random);
        foreach (var (name, value) in landmarks) result[name] = value;
        result[N.IsImage] = image is null ? 0 : 1;
        result[N.ImageChannels] = image?.Channels ?? 0;
        result[N.ImageHeight] = image?.Height ?? 0;
        result[N.ImageWidth] = image?.Width ?? 0;

        var ordered = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in N.All) ordered[name] = double.IsFinite(result[name]) ? result[name] : 0;
        return (ordered, new ExtractionWork(sample.Length, statisticColumns, correlationColumns, landmarkFeatures));
    }

    private static List<int> LabelledRows(IReadOnlyList<string?> cells, TaskKind kind)
    {
        var rows = new List<int>(cells.Count);
        for (var r = 0; r < cells.Count; r++)
        {
            if (kind == TaskKind.Regression ? CellValues.TryParseFiniteNumber(cells[r], out _) : !CellValues.IsMissing(cells[r])) rows.Add(r);
        }
        return rows;
    }

    /// <summary>At most <paramref name="size"/> of <paramref name="rows"/>, in a seeded random order (partial Fisher-Yates).</summary>
    internal static int[] Subsample(IReadOnlyList<int> rows, int size, Random random)
    {
        var pool = rows.ToArray();
        var take = Math.Min(size, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..take];
    }

    private static void AddTargetStatistics(Dictionary<string, double> result, IReadOnlyList<string?> cells, List<int> labelled, TaskKind kind, string target)
    {
        if (kind == TaskKind.Regression)
        {
            result[N.Classes] = 0;
            result[N.ClassRatio] = 0;
            result[N.ClassEntropy] = 0;
            return;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in labelled) counts[cells[r]!] = counts.GetValueOrDefault(cells[r]!) + 1;
        if (counts.Count < 2)
        {
            throw new DataValidationException(new DataError(null, target, $"has {counts.Count} class; classification needs at least 2"));
        }
        result[N.Classes] = counts.Count;
        result[N.ClassRatio] = counts.Values.Min() / (double)counts.Values.Max();
        var entropy = 0.0;
        foreach (var n in counts.Values)
        {
            var p = n / (double)labelled.Count;
            entropy -= p * Math.Log2(p);
        }
        result[N.ClassEntropy] = entropy;
    }

    private static void AddColumnKinds(Dictionary<string, double> result, CsvTable table, int[] features, int[] sample, TableSchema? schema)
    {
        long missing = 0;
        foreach (var c in features)
        {
            var cells = table.Column(c);
            foreach (var r in sample)
            {
                if (CellValues.IsMissing(cells[r])) missing++;
            }
        }
        result[N.MissingShare] = missing / ((double)features.Length * sample.Length);
        if (schema is null)
        {
            result[N.NumericShare] = 1;
            result[N.CategoricalShare] = 0;
            return;
        }
        var columns = schema.Columns.Where(c => !c.IsTarget).ToList();
        result[N.NumericShare] = columns.Count(c => c.Kind == ColumnKind.Numeric) / (double)columns.Count;
        result[N.CategoricalShare] = columns.Count(c => c.Kind is ColumnKind.Categorical or ColumnKind.Boolean or ColumnKind.Text) / (double)columns.Count;
    }

    private static (int Statistics, int Correlations) AddMoments(Dictionary<string, double> result, CsvTable table, int[] features, int[] sample, TableSchema? schema, Random random)
    {
        var numeric = schema is null ? features : features.Where(c => schema[table.Columns[c]].Kind == ColumnKind.Numeric);
        var chosen = Choose(numeric.ToArray(), MaxStatisticColumns, random);
        var varying = new List<double[]>();
        var skewness = new List<double>();
        var kurtosis = new List<double>();
        foreach (var c in chosen)
        {
            var values = ColumnStatistics.Values(table.Column(c), sample);
            if (ColumnStatistics.Moments(values) is not { } moments) continue;
            varying.Add(values);
            skewness.Add(moments.Skewness);
            kurtosis.Add(moments.Kurtosis);
        }
        result[N.SkewnessMean] = skewness.Count > 0 ? skewness.Average() : 0;
        result[N.SkewnessMax] = skewness.Count > 0 ? skewness.Max() : 0;
        result[N.KurtosisMean] = kurtosis.Count > 0 ? kurtosis.Average() : 0;
        result[N.KurtosisMax] = kurtosis.Count > 0 ? kurtosis.Max() : 0;
        var correlated = Choose(varying.ToArray(), MaxCorrelationColumns, random);
        result[N.MeanAbsCorrelation] = ColumnStatistics.MeanAbsoluteCorrelation(correlated);
        return (chosen.Length, correlated.Length);
    }

    /// <summary>All of <paramref name="items"/> when there are at most <paramref name="limit"/>, else a seeded choice of that many, in their original order.</summary>
    internal static T[] Choose<T>(T[] items, int limit, Random random)
    {
        if (items.Length <= limit) return items;
        var picked = Subsample(Enumerable.Range(0, items.Length).ToArray(), limit, random);
        Array.Sort(picked);
        return picked.Select(i => items[i]).ToArray();
    }
}
