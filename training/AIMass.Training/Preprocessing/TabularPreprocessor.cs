using System.Text.Json;
using System.Text.Json.Serialization;
using AIMass.Training.Data;

namespace AIMass.Training.Preprocessing;

/// <summary>
/// The fitted preprocessing of one model: which columns are read and how each becomes float features, plus the
/// target's encoding. Fitted on the training rows only; serialised as JSON into the model artifact, so that
/// prediction applies exactly the same transformation. Kinds come from <see cref="SchemaInference"/> on the
/// training rows: numeric (median imputation + missing indicator, standardisation), categorical (one-hot up to
/// <see cref="MaxOneHot"/> categories with an "other" slot for unseen values, else hashed into
/// <see cref="HashBuckets"/> buckets), boolean, date (numeric parts), text (hashed bag of words); identifier
/// and constant columns are dropped with the reason recorded. Image data (a declared <see cref="ImageShape"/>)
/// keeps every feature column as a pixel, in file order, normalised per channel. Immutable and thread-safe.
/// </summary>
public sealed class TabularPreprocessor
{
    /// <summary>Categorical columns with at most this many training categories are one-hot encoded.</summary>
    public const int MaxOneHot = 32;

    /// <summary>Buckets for hashed categorical and text columns.</summary>
    public const int HashBuckets = 64;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [JsonConstructor]
    internal TabularPreprocessor(IReadOnlyList<ColumnEncoder> encoders, IReadOnlyList<DroppedColumn> dropped, TargetEncoding target, ImageShape? image)
    {
        Encoders = encoders;
        Dropped = dropped;
        Target = target;
        Image = image;
        FeatureCount = encoders.Sum(e => e.Width);
        InputColumns = encoders.Select(e => e.Column).Distinct(StringComparer.Ordinal).ToList();
    }

    [JsonInclude]
    internal IReadOnlyList<ColumnEncoder> Encoders { get; }

    /// <summary>Columns left out, with reasons.</summary>
    public IReadOnlyList<DroppedColumn> Dropped { get; }

    /// <summary>How the target is encoded.</summary>
    public TargetEncoding Target { get; }

    /// <summary>The image shape for pixel data, or <c>null</c> for tabular data.</summary>
    public ImageShape? Image { get; }

    /// <summary>Float features per row.</summary>
    [JsonIgnore]
    public int FeatureCount { get; }

    /// <summary>The columns a row must have to be predicted (in file order).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> InputColumns { get; }

    /// <summary>The name of every feature, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> FeatureNames => Encoders.SelectMany(e => e.FeatureNames()).ToList();

    /// <summary>
    /// Fits on <paramref name="trainRows"/> (0-based row indices of <paramref name="table"/>). Throws
    /// <see cref="ArgumentException"/> when an image shape does not match the number of feature columns, and
    /// <see cref="DataValidationException"/> when no usable feature remains or the target cannot be encoded.
    /// </summary>
    public static TabularPreprocessor Fit(CsvTable table, string target, TaskKind task, IReadOnlyList<int> trainRows, ImageShape? image = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(trainRows);
        table.ColumnIndex(target);
        if (trainRows.Count == 0) throw new ArgumentException("There are no training rows to fit on.", nameof(trainRows));
        var targetEncoding = TargetEncoding.Fit(table, target, task, trainRows);
        return image is null ? FitTabular(table, target, trainRows, targetEncoding) : FitImage(table, target, trainRows, targetEncoding, image);
    }

    private static TabularPreprocessor FitTabular(CsvTable table, string target, IReadOnlyList<int> rows, TargetEncoding targetEncoding)
    {
        var schema = SchemaInference.Infer(table, target, rows);
        var encoders = new List<ColumnEncoder>();
        var dropped = new List<DroppedColumn>();
        foreach (var column in schema.Columns)
        {
            if (column.IsTarget) continue;
            if (column.IsDropped)
            {
                dropped.Add(new DroppedColumn(column.Name, column.DropReason!));
                continue;
            }
            var cells = table.Column(column.Name);
            encoders.Add(column.Kind switch
            {
                ColumnKind.Numeric => NumericEncoder.Fit(column.Name, cells, rows),
                ColumnKind.Boolean => new BooleanEncoder { Column = column.Name, Indicator = column.MissingCount > 0 },
                ColumnKind.Date => DateEncoder.Fit(column.Name, cells, rows),
                ColumnKind.Text => new TextEncoder { Column = column.Name, Buckets = HashBuckets },
                _ => FitCategorical(column.Name, cells, rows),
            });
        }
        if (encoders.Count == 0)
        {
            throw new DataValidationException(new DataError(null, null,
                $"no usable feature column remains ({(dropped.Count == 0 ? "the target is the only column" : string.Join("; ", dropped.Select(d => $"'{d.Column}': {d.Reason}")))})"));
        }
        return new TabularPreprocessor(encoders, dropped, targetEncoding, null);
    }

    private static ColumnEncoder FitCategorical(string column, IReadOnlyList<string?> cells, IReadOnlyList<int> rows)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var key = CellValues.IsMissing(cells[r]) ? OneHotEncoder.MissingToken : cells[r]!;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        if (counts.Count > MaxOneHot) return new HashingEncoder { Column = column, Buckets = HashBuckets };
        var categories = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();
        return new OneHotEncoder { Column = column, Categories = categories };
    }

    private static TabularPreprocessor FitImage(CsvTable table, string target, IReadOnlyList<int> rows, TargetEncoding targetEncoding, ImageShape image)
    {
        image.Validate();
        var pixels = table.Columns.Where(c => c != target).ToList();
        if (pixels.Count != image.Size)
        {
            throw new ArgumentException($"Image shape {image} needs {image.Size} pixel columns, but the data has {pixels.Count} columns besides the target.", "Image");
        }
        var perChannel = image.Height * image.Width;
        var encoders = new List<ColumnEncoder>(pixels.Count);
        for (var ch = 0; ch < image.Channels; ch++)
        {
            double sum = 0, sumSquares = 0;
            long n = 0;
            for (var p = ch * perChannel; p < (ch + 1) * perChannel; p++)
            {
                var cells = table.Column(pixels[p]);
                foreach (var r in rows)
                {
                    if (!CellValues.TryParseFiniteNumber(cells[r], out var v)) continue;
                    sum += v;
                    sumSquares += v * v;
                    n++;
                }
            }
            var mean = n > 0 ? sum / n : 0;
            var sd = n > 0 ? Math.Sqrt(Math.Max(0, sumSquares / n - mean * mean)) : 1;
            for (var p = ch * perChannel; p < (ch + 1) * perChannel; p++)
            {
                encoders.Add(new ScaledEncoder { Column = pixels[p], Offset = mean, Scale = sd > 1e-12 ? sd : 1 });
            }
        }
        return new TabularPreprocessor(encoders, Array.Empty<DroppedColumn>(), targetEncoding, image);
    }

    /// <summary>
    /// Encodes rows of <paramref name="table"/> (all rows when <paramref name="rows"/> is null) into a row-major
    /// <c>[rows, FeatureCount]</c> array. The table may have its columns in any order and extra columns (the target
    /// among them); a missing input column throws <see cref="ArgumentException"/> naming it, and a cell that cannot be
    /// read throws <see cref="DataValidationException"/> naming its (1-based) row and column.
    /// </summary>
    public float[] Transform(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var count = rows?.Count ?? table.RowCount;
        var output = new float[(long)count * FeatureCount];
        Transform(table, rows, 0, count, output);
        return output;
    }

    /// <summary>Encodes rows <c>[start, start + count)</c> of the selection into <paramref name="output"/> (row-major).</summary>
    internal void Transform(CsvTable table, IReadOnlyList<int>? rows, int start, int count, Span<float> output)
    {
        var columns = ResolveColumns(table);
        var offset = 0;
        for (var e = 0; e < Encoders.Count; e++)
        {
            var encoder = Encoders[e];
            var cells = table.Column(columns[e]);
            var width = encoder.Width;
            for (var i = 0; i < count; i++)
            {
                var row = rows?[start + i] ?? start + i;
                encoder.Encode(cells[row], output.Slice(i * FeatureCount + offset, width), row + 1);
            }
            offset += width;
        }
    }

    private int[] ResolveColumns(CsvTable table)
    {
        var missing = InputColumns.Where(c => !table.HasColumn(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"The rows lack the input column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Take(10).Select(c => $"'{c}'"))}{(missing.Count > 10 ? $" and {missing.Count - 10} more" : "")}.", "rows");
        }
        return Encoders.Select(e => table.IndexOf(e.Column)).ToArray();
    }

    /// <summary>The JSON form stored in artifacts.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the JSON form written by <see cref="ToJson"/>.</summary>
    public static TabularPreprocessor FromJson(string json) =>
        JsonSerializer.Deserialize<TabularPreprocessor>(json, Json) ?? throw new InvalidDataException("The preprocessing JSON is empty.");
}
