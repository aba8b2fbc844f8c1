using System.Globalization;
using AIMass.Training.Data;

namespace AIMass.Training.Preprocessing;

/// <summary>
/// How the target is turned into training targets and back: for classification the class list (index = label
/// id; original text kept, numbers sorted by value, text ordinally); for regression the training mean and
/// standard deviation (the model learns the standardised value; predictions are reported in original units).
/// </summary>
public sealed record TargetEncoding
{
    /// <summary>The task.</summary>
    public TaskKind Task { get; init; }

    /// <summary>The target column.</summary>
    public string Column { get; init; } = "";

    /// <summary>Class labels (classification), in label-id order.</summary>
    public IReadOnlyList<string> Classes { get; init; } = Array.Empty<string>();

    /// <summary>The training target mean (regression).</summary>
    public double Mean { get; init; }

    /// <summary>The training target standard deviation (regression; 1 when zero).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Model outputs per row: the class count, or 1.</summary>
    public int Outputs => Task == TaskKind.Classification ? Classes.Count : 1;

    internal static TargetEncoding Fit(CsvTable table, string target, TaskKind task, IReadOnlyList<int> trainRows)
    {
        var cells = table.Column(target);
        if (task == TaskKind.Classification)
        {
            var labels = cells.Where(c => !CellValues.IsMissing(c)).Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
            var numeric = labels.All(l => CellValues.TryParseFiniteNumber(l, out _));
            labels = numeric
                ? labels.OrderBy(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal).ToList()
                : labels.OrderBy(l => l, StringComparer.Ordinal).ToList();
            if (labels.Count < 2)
            {
                throw new DataValidationException(new DataError(null, target,
                    $"the target has {labels.Count} class{(labels.Count == 1 ? $" ('{labels[0]}')" : "es")}; classification needs at least 2"));
            }
            return new TargetEncoding { Task = task, Column = target, Classes = labels };
        }
        var values = new List<double>();
        var errors = new List<DataError>();
        foreach (var r in trainRows)
        {
            if (CellValues.TryParseFiniteNumber(cells[r], out var v)) values.Add(v);
            else if (errors.Count < 20) errors.Add(new DataError(r + 1, target, $"'{cells[r]}' is not a number (regression target)"));
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / values.Count);
        return new TargetEncoding { Task = task, Column = target, Mean = mean, Scale = sd > 1e-12 ? sd : 1 };
    }

    /// <summary>Label ids of the given rows (classification); throws naming a row whose label is not a known class.</summary>
    internal long[] EncodeLabels(CsvTable table, IReadOnlyList<int> rows)
    {
        var index = Classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (long)x.i, StringComparer.Ordinal);
        var cells = table.Column(Column);
        var result = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var cell = cells[rows[i]];
            if (cell is null || !index.TryGetValue(cell, out result[i]))
            {
                throw new DataValidationException(new DataError(rows[i] + 1, Column, $"'{cell}' is not one of the classes"));
            }
        }
        return result;
    }

    /// <summary>Standardised targets of the given rows (regression).</summary>
    internal float[] EncodeValues(CsvTable table, IReadOnlyList<int> rows)
    {
        var cells = table.Column(Column);
        var result = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (!CellValues.TryParseFiniteNumber(cells[rows[i]], out var v))
            {
                throw new DataValidationException(new DataError(rows[i] + 1, Column, $"'{cells[rows[i]]}' is not a number (regression target)"));
            }
            result[i] = (float)((v - Mean) / Scale);
        }
        return result;
    }

    /// <summary>Original-unit targets of the given rows (regression metrics).</summary>
    internal double[] RawValues(CsvTable table, IReadOnlyList<int> rows)
    {
        var cells = table.Column(Column);
        return rows.Select(r => CellValues.TryParseFiniteNumber(cells[r], out var v) ? v : double.NaN).ToArray();
    }

    /// <summary>A model output (standardised) in original units.</summary>
    public double Decode(double standardised) => standardised * Scale + Mean;
}
