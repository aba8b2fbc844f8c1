using AIMass.Training.Data;

namespace AIMass.Training.Preprocessing;

/// <summary>
/// A numeric column: missing values take the training median (and set a missing-indicator feature when the
/// training rows had missing values), then <c>(x - mean) / scale</c> with the training mean and standard deviation.
/// </summary>
internal sealed class NumericEncoder : ColumnEncoder
{
    public double Median { get; init; }
    public double Mean { get; init; }
    public double Scale { get; init; } = 1;
    public bool Indicator { get; init; }

    public override int Width => Indicator ? 2 : 1;

    public override IEnumerable<string> FeatureNames() =>
        Indicator ? new[] { Column, Column + "#missing" } : new[] { Column };

    public static NumericEncoder Fit(string column, IReadOnlyList<string?> cells, IReadOnlyList<int> rows)
    {
        var values = new List<double>(rows.Count);
        var missing = 0;
        foreach (var r in rows)
        {
            if (CellValues.TryParseFiniteNumber(cells[r], out var v)) values.Add(v);
            else missing++;
        }
        if (values.Count == 0) return new NumericEncoder { Column = column, Indicator = missing > 0 };
        values.Sort();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : 0.5 * (values[values.Count / 2 - 1] + values[values.Count / 2]);
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        var scale = Math.Sqrt(variance);
        return new NumericEncoder
        {
            Column = column,
            Median = median,
            Mean = mean,
            Scale = scale > 1e-12 ? scale : 1,
            Indicator = missing > 0,
        };
    }

    public override void Encode(string? cell, Span<float> output, int row)
    {
        double value;
        var isMissing = CellValues.IsMissing(cell);
        if (isMissing)
        {
            value = Median;
        }
        else if (!CellValues.TryParseNumber(cell, out value) || !double.IsFinite(value) || Math.Abs(value) > CellValues.MaxMagnitude)
        {
            throw Invalid(cell, row, "a finite number");
        }
        output[0] = (float)((value - Mean) / Scale);
        if (Indicator) output[1] = isMissing ? 1f : 0f;
    }
}
