using AIMass.Training.Data;

namespace AIMass.Training.MetaFeatures;

/// <summary>The statistical meta-features of numeric columns: moment summaries and the mean absolute correlation.</summary>
internal static class ColumnStatistics
{
    /// <summary>The finite values of one column at the given rows; missing or unreadable cells are <c>NaN</c>.</summary>
    public static double[] Values(IReadOnlyList<string?> cells, IReadOnlyList<int> rows)
    {
        var values = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i] = CellValues.TryParseFiniteNumber(cells[rows[i]], out var v) ? v : double.NaN;
        }
        return values;
    }

    /// <summary>
    /// Absolute skewness and excess kurtosis (population moments) of the finite values, or <c>null</c> when fewer than
    /// three values are present or they do not vary.
    /// </summary>
    public static (double Skewness, double Kurtosis)? Moments(double[] values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            n++;
        }
        if (n < 3) return null;
        var mean = sum / n;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            var d = v - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (m2 <= 1e-12 * Math.Max(1, mean * mean)) return null;
        var skewness = Math.Abs(m3 / Math.Pow(m2, 1.5));
        var kurtosis = m4 / (m2 * m2) - 3;
        return double.IsFinite(skewness) && double.IsFinite(kurtosis) ? (skewness, kurtosis) : null;
    }

    /// <summary>
    /// The mean absolute Pearson correlation over all pairs of the given columns (each standardised over its finite
    /// values, missing values at the mean); 0 with fewer than two columns.
    /// </summary>
    public static double MeanAbsoluteCorrelation(IReadOnlyList<double[]> columns)
    {
        if (columns.Count < 2) return 0;
        var standardised = columns.Select(Standardise).ToArray();
        var rows = standardised[0].Length;
        double total = 0;
        var pairs = 0;
        for (var a = 0; a < standardised.Length; a++)
        for (var b = a + 1; b < standardised.Length; b++)
        {
            double dot = 0;
            var x = standardised[a];
            var y = standardised[b];
            for (var i = 0; i < rows; i++) dot += x[i] * y[i];
            total += Math.Min(1, Math.Abs(dot / rows));
            pairs++;
        }
        return total / pairs;
    }

    private static double[] Standardise(double[] values)
    {
        double sum = 0, squares = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            squares += v * v;
            n++;
        }
        var mean = n > 0 ? sum / n : 0;
        var sd = n > 0 ? Math.Sqrt(Math.Max(0, squares / n - mean * mean)) : 0;
        return values.Select(v => double.IsNaN(v) || sd <= 0 ? 0 : (v - mean) / sd).ToArray();
    }
}
