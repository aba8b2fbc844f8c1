using System.Globalization;
using AIMass.Grains.Models;

namespace AIMass.Cli.Automl;

/// <summary>How well predictions match a test file's own target column: accuracy, or R² and RMSE.</summary>
public sealed record TestScore(string Metric, double Value, int Rows, double? Rmse = null)
{
    /// <summary>Scores predictions against the truths (rows with an empty truth are left out); null when none can be scored.</summary>
    public static TestScore? Compute(string task, IReadOnlyList<string?> truths, IReadOnlyList<PredictionRow> predictions)
    {
        if (truths.Count != predictions.Count) throw new ArgumentException($"{truths.Count} truths but {predictions.Count} predictions.", nameof(predictions));
        if (task == "regression")
        {
            var pairs = new List<(double Truth, double Predicted)>();
            for (var i = 0; i < truths.Count; i++)
            {
                if (double.TryParse(truths[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && predictions[i].Value is { } p) pairs.Add((t, p));
            }
            if (pairs.Count == 0) return null;
            var mean = pairs.Average(x => x.Truth);
            var residual = pairs.Sum(x => (x.Truth - x.Predicted) * (x.Truth - x.Predicted));
            var total = pairs.Sum(x => (x.Truth - mean) * (x.Truth - mean));
            var r2 = total > 0 ? 1 - residual / total : 0;
            return new TestScore("r2", r2, pairs.Count, Math.Sqrt(residual / pairs.Count));
        }
        var scored = 0;
        var right = 0;
        for (var i = 0; i < truths.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(truths[i])) continue;
            scored++;
            if (SameLabel(truths[i]!.Trim(), predictions[i].Label)) right++;
        }
        return scored == 0 ? null : new TestScore("accuracy", (double)right / scored, scored);
    }

    private static bool SameLabel(string truth, string? predicted)
    {
        if (predicted is null) return false;
        if (string.Equals(truth, predicted.Trim(), StringComparison.Ordinal)) return true;
        return double.TryParse(truth, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(predicted, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a == b;
    }
}
