using AIMass.Training.Data;

namespace AIMass.Training;

/// <summary>
/// Decides classification or regression from the target's values: a target that is not numeric (strings,
/// booleans) is classification; a numeric target is classification when every value is an integer and
/// there are at most <see cref="MaxIntegerClasses"/> distinct values, and fewer than half as many distinct
/// values as rows; otherwise regression.
/// </summary>
public static class TaskDetector
{
    /// <summary>The most distinct integer values a numeric target may have and still be read as classes.</summary>
    public const int MaxIntegerClasses = 20;

    /// <summary>Detects the task for <paramref name="target"/>; throws <see cref="ArgumentException"/> when it is not a column.</summary>
    public static TaskKind Detect(CsvTable table, string target)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var cells = table.Column(target);
        var present = 0;
        var numbers = 0;
        var integers = true;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            if (CellValues.IsMissing(cell)) continue;
            present++;
            distinct.Add(cell!);
            if (CellValues.TryParseFiniteNumber(cell, out var v))
            {
                numbers++;
                if (v != Math.Floor(v)) integers = false;
            }
        }
        if (present == 0 || numbers < present) return TaskKind.Classification;
        if (integers && distinct.Count <= MaxIntegerClasses && distinct.Count < Math.Max(3, present / 2)) return TaskKind.Classification;
        return TaskKind.Regression;
    }
}
