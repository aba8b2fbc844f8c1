using AIMass.Training.Data;

namespace AIMass.Training.Preprocessing;

/// <summary>
/// A date or date-time column, parsed into numeric parts: the year (standardised with the training mean and
/// deviation), month, day of week and time of day as cyclic sine/cosine pairs, the day of the month scaled to
/// [-1, 1], and a missing indicator (missing dates read as the mean year, all other parts 0).
/// </summary>
internal sealed class DateEncoder : ColumnEncoder
{
    public double YearMean { get; init; }
    public double YearScale { get; init; } = 1;

    public override int Width => 9;

    public override IEnumerable<string> FeatureNames() =>
        new[] { "year", "month_sin", "month_cos", "day", "weekday_sin", "weekday_cos", "time_sin", "time_cos", "missing" }.Select(p => $"{Column}#{p}");

    public static DateEncoder Fit(string column, IReadOnlyList<string?> cells, IReadOnlyList<int> rows)
    {
        var years = new List<double>();
        foreach (var r in rows)
        {
            if (CellValues.TryParseDate(cells[r], out var d)) years.Add(d.Year + (d.DayOfYear - 1) / 366.0);
        }
        if (years.Count == 0) return new DateEncoder { Column = column };
        var mean = years.Average();
        var sd = Math.Sqrt(years.Sum(y => (y - mean) * (y - mean)) / years.Count);
        return new DateEncoder { Column = column, YearMean = mean, YearScale = sd > 1e-9 ? sd : 1 };
    }

    public override void Encode(string? cell, Span<float> output, int row)
    {
        output.Clear();
        if (CellValues.IsMissing(cell))
        {
            output[8] = 1f;
            return;
        }
        if (!CellValues.TryParseDate(cell, out var d)) throw Invalid(cell, row, "a date");
        var tau = 2 * Math.PI;
        output[0] = (float)((d.Year + (d.DayOfYear - 1) / 366.0 - YearMean) / YearScale);
        output[1] = (float)Math.Sin(tau * (d.Month - 1) / 12);
        output[2] = (float)Math.Cos(tau * (d.Month - 1) / 12);
        output[3] = (float)((d.Day - 16) / 15.0);
        output[4] = (float)Math.Sin(tau * (int)d.DayOfWeek / 7);
        output[5] = (float)Math.Cos(tau * (int)d.DayOfWeek / 7);
        var dayFraction = d.TimeOfDay.TotalSeconds / 86400.0;
        output[6] = (float)Math.Sin(tau * dayFraction);
        output[7] = (float)Math.Cos(tau * dayFraction);
    }
}
