using System.Globalization;

namespace AIMass.Training.Data;

/// <summary>
/// Checks a parsed table before training and reports every problem at once, by row and column.
/// </summary>
public static class DatasetValidator
{
    /// <summary>How many errors are collected before the check stops looking.</summary>
    public const int MaxErrors = 100;

    /// <summary>
    /// Throws <see cref="DataValidationException"/> when: the target is given but is not a column (named, with the
    /// columns there are); the target has no values; there is no column besides the target; a numeric column
    /// (at least 90% of its non-missing values are numbers) holds values that are not numbers (each row and
    /// column named); any numeric column holds NaN, Infinity or a value beyond 1e15 in magnitude. Rows in errors
    /// are 1-based data rows (header excluded). Returns normally when the table is usable.
    /// </summary>
    public static void Validate(CsvTable table, string? target)
    {
        ArgumentNullException.ThrowIfNull(table);
        var errors = new List<DataError>();
        if (target is not null)
        {
            if (!table.HasColumn(target))
            {
                throw new DataValidationException(new DataError(null, target,
                    $"the target column '{target}' is not in the data (columns: {string.Join(", ", table.Columns.Take(30))}{(table.Columns.Count > 30 ? ", ..." : "")})"));
            }
            if (table.Column(target).All(CellValues.IsMissing))
            {
                errors.Add(new DataError(null, target, "the target column has no values (every cell is missing)"));
            }
            if (table.Columns.Count < 2)
            {
                errors.Add(new DataError(null, target, "the data has no column besides the target"));
            }
        }
        for (var c = 0; c < table.Columns.Count && errors.Count < MaxErrors; c++)
        {
            CheckNumericColumn(table.Columns[c], table.Column(c), errors);
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
    }

    private static void CheckNumericColumn(string name, IReadOnlyList<string?> cells, List<DataError> errors)
    {
        var present = 0;
        var numbers = 0;
        foreach (var cell in cells)
        {
            if (CellValues.IsMissing(cell)) continue;
            present++;
            if (CellValues.TryParseNumber(cell, out _)) numbers++;
        }
        if (present == 0 || numbers < SchemaInference.NumericShare * present) return;
        for (var r = 0; r < cells.Count && errors.Count < MaxErrors; r++)
        {
            var cell = cells[r];
            if (CellValues.IsMissing(cell)) continue;
            if (!CellValues.TryParseNumber(cell, out var v))
            {
                errors.Add(new DataError(r + 1, name, $"'{cell}' is not a number"));
            }
            else if (!double.IsFinite(v))
            {
                errors.Add(new DataError(r + 1, name, $"'{cell}' is not a finite number"));
            }
            else if (Math.Abs(v) > CellValues.MaxMagnitude)
            {
                errors.Add(new DataError(r + 1, name,
                    $"'{cell}' is too large (magnitude above {CellValues.MaxMagnitude.ToString("0e0", CultureInfo.InvariantCulture)})"));
            }
        }
    }
}
