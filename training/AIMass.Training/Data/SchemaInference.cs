using System.Text.RegularExpressions;

namespace AIMass.Training.Data;

/// <summary>
/// Infers each column's <see cref="ColumnKind"/> and statistics from its text. Rules, in order:
/// all missing or one distinct value: <see cref="ColumnKind.Constant"/> (dropped);
/// only boolean tokens (true/false, yes/no, y/n, t/f): <see cref="ColumnKind.Boolean"/>;
/// at least 90% of non-missing values numbers: <see cref="ColumnKind.Numeric"/>, except distinct integers that
/// form a consecutive run or sit in a column named like an id (<c>id</c>, <c>*_id</c>, <c>*Id</c>), which are
/// <see cref="ColumnKind.Identifier"/> (dropped); at least 90% dates: <see cref="ColumnKind.Date"/>;
/// long multi-word values, mostly distinct: <see cref="ColumnKind.Text"/>; every value distinct (20 rows or
/// more): <see cref="ColumnKind.Identifier"/> (dropped); otherwise <see cref="ColumnKind.Categorical"/>.
/// The target column gets a kind but is never dropped.
/// </summary>
public static partial class SchemaInference
{
    /// <summary>The share of non-missing values that must parse for a column to count as numeric (or date).</summary>
    public const double NumericShare = 0.9;

    /// <summary>Infers the schema of every column of <paramref name="table"/>.</summary>
    public static TableSchema Infer(CsvTable table, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Infer(table, target, null);
    }

    /// <summary>Infers the schema from a subset of rows (the training split), so that nothing leaks from held-out rows.</summary>
    internal static TableSchema Infer(CsvTable table, string? target, IReadOnlyList<int>? rows)
    {
        if (target is not null) table.ColumnIndex(target);
        var columns = new List<ColumnSchema>(table.Columns.Count);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            columns.Add(InferColumn(table.Columns[c], table.Column(c), rows, table.Columns[c] == target));
        }
        return new TableSchema(columns, rows?.Count ?? table.RowCount, target);
    }

    private static ColumnSchema InferColumn(string name, IReadOnlyList<string?> cells, IReadOnlyList<int>? rows, bool isTarget)
    {
        var count = rows?.Count ?? cells.Count;
        var missing = 0;
        var numbers = 0;
        var booleans = 0;
        var dates = 0;
        var integers = 0;
        var spaced = 0;
        long totalLength = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        var finite = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var text = cells[rows?[i] ?? i];
            if (CellValues.IsMissing(text))
            {
                missing++;
                continue;
            }
            var t = text!;
            distinct.Add(t);
            totalLength += t.Length;
            if (t.Contains(' ')) spaced++;
            if (CellValues.TryParseNumber(t, out var v))
            {
                numbers++;
                if (double.IsFinite(v) && Math.Abs(v) <= CellValues.MaxMagnitude)
                {
                    finite++;
                    sum += v;
                    if (v < min) min = v;
                    if (v > max) max = v;
                    if (v == Math.Floor(v)) integers++;
                }
            }
            else if (CellValues.TryParseBoolean(t, out _))
            {
                booleans++;
            }
            else if (CellValues.TryParseDate(t, out _))
            {
                dates++;
            }
        }
        var present = count - missing;
        double? Stat(double x) => finite > 0 ? x : null;
        ColumnSchema Make(ColumnKind kind, string? drop = null, bool numeric = false) => new(
            name, kind, missing, distinct.Count,
            numeric ? Stat(min) : null, numeric ? Stat(max) : null, numeric ? Stat(finite > 0 ? sum / finite : 0) : null,
            isTarget ? null : drop, isTarget);

        if (present == 0) return Make(ColumnKind.Constant, "every value is missing");
        var numeric = numbers >= NumericShare * present;
        if (distinct.Count == 1) return Make(ColumnKind.Constant, $"one value throughout ('{distinct.First()}')", numeric);
        if (booleans == present && distinct.Count <= 2) return Make(ColumnKind.Boolean);
        if (numeric)
        {
            var allDistinctIntegers = integers == present && distinct.Count == present && present >= 20;
            if (allDistinctIntegers && (max - min + 1 == present || LooksLikeIdName(name)))
            {
                return Make(ColumnKind.Identifier, "every value is a distinct integer (a row identifier)", true);
            }
            return Make(ColumnKind.Numeric, numeric: true);
        }
        if (dates >= NumericShare * present) return Make(ColumnKind.Date);
        if (totalLength / (double)present > 20 && spaced >= 0.5 * present && distinct.Count > 0.5 * present)
        {
            return Make(ColumnKind.Text);
        }
        if (distinct.Count == present && present >= 20) return Make(ColumnKind.Identifier, "every value is distinct (a row identifier)");
        return Make(ColumnKind.Categorical);
    }

    private static bool LooksLikeIdName(string name) => IdName().IsMatch(name);

    [GeneratedRegex(@"^(?i:id|index|row_?id|rownum|row_?number)$|[_\- ](?i:id)$|[a-z](Id|ID)$")]
    private static partial Regex IdName();
}
