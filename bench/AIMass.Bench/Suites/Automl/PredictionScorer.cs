using System.Globalization;

namespace AIMass.Bench.Suites.Automl;

/// <summary>
/// Scores a predictions file against the test file's target column, by the bench itself (not the CLI's own score).
/// Predictions are in the test file's row order, in a column named like the target. Accuracy counts a row correct when
/// the trimmed labels are equal as strings or both parse as the same number (<c>1</c> and <c>1.0</c>); a missing
/// prediction row is wrong. RMSE is over the rows whose prediction and truth are both finite numbers; the others are
/// counted in <see cref="PredictionScore.UnscoredRows"/>.
/// </summary>
internal static class PredictionScorer
{
    public static PredictionScore Score(AutomlTask task, string predictionsPath)
    {
        var truth = CsvFile.Read(task.TestPath).Column(task.Target);
        var predicted = CsvFile.Read(predictionsPath).Column(task.Target);
        return task.IsClassification ? Accuracy(truth, predicted) : Rmse(truth, predicted);
    }

    public static PredictionScore Accuracy(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            if (i < predicted.Count && SameLabel(truth[i], predicted[i])) correct++;
        }
        double? value = truth.Count == 0 ? null : (double)correct / truth.Count;
        return new PredictionScore(value, truth.Count, predicted.Count, Math.Min(truth.Count, predicted.Count), correct, 0);
    }

    public static PredictionScore Rmse(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        var sum = 0.0;
        var scored = 0;
        for (var i = 0; i < Math.Min(truth.Count, predicted.Count); i++)
        {
            if (Number(truth[i]) is { } y && Number(predicted[i]) is { } p)
            {
                sum += (p - y) * (p - y);
                scored++;
            }
        }
        double? value = scored == 0 ? null : Math.Sqrt(sum / scored);
        return new PredictionScore(value, truth.Count, predicted.Count, scored, null, truth.Count - scored);
    }

    public static bool SameLabel(string truth, string predicted)
    {
        var a = truth.Trim();
        var b = predicted.Trim();
        if (string.Equals(a, b, StringComparison.Ordinal)) return true;
        return Number(a) is { } x && Number(b) is { } y && x == y;
    }

    /// <summary>The cell as a finite number (invariant culture), or null.</summary>
    public static double? Number(string cell) =>
        double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}

/// <summary>A score and the rows behind it.</summary>
/// <param name="Value">Accuracy or RMSE; null when no row could be scored.</param>
/// <param name="TestRows">Rows of the test file.</param>
/// <param name="PredictionRows">Rows of the predictions file (should equal <paramref name="TestRows"/>).</param>
/// <param name="ScoredRows">Rows compared: both present (accuracy), or both finite numbers (RMSE).</param>
/// <param name="Correct">Correct labels (classification).</param>
/// <param name="UnscoredRows">Test rows left out of the RMSE: a missing, empty or non-finite prediction or truth.</param>
internal sealed record PredictionScore(double? Value, int TestRows, int PredictionRows, int ScoredRows, int? Correct, int UnscoredRows);
