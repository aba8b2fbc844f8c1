namespace AIMass.Training.Metrics;

/// <summary>Classification metrics from true label ids and predicted class probabilities.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Computes accuracy, balanced accuracy, macro F1 and log loss, plus ROC AUC when there are two classes.
    /// <paramref name="probabilities"/> is row-major <c>[rows, classes]</c>; the predicted class is the arg-max
    /// (ties go to the lower id). Classes absent from <paramref name="labels"/> are left out of the macro averages.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Compute(IReadOnlyList<long> labels, ReadOnlySpan<float> probabilities, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Classification needs at least 2 classes.");
        var n = labels.Count;
        if (probabilities.Length != (long)n * classes) throw new ArgumentException($"Expected {n}x{classes} probabilities, got {probabilities.Length}.", nameof(probabilities));
        var result = new Dictionary<string, double>();
        if (n == 0) return result;
        var truePositive = new long[classes];
        var actual = new long[classes];
        var predicted = new long[classes];
        double logLoss = 0;
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            var y = (int)labels[i];
            actual[y]++;
            predicted[best]++;
            if (best == y)
            {
                truePositive[y]++;
                correct++;
            }
            logLoss -= Math.Log(Math.Clamp(row[y], 1e-15, 1.0));
        }
        double recallSum = 0, f1Sum = 0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            if (actual[c] == 0) continue;
            present++;
            var recall = truePositive[c] / (double)actual[c];
            var precision = predicted[c] == 0 ? 0 : truePositive[c] / (double)predicted[c];
            recallSum += recall;
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        result[MetricNames.Accuracy] = correct / (double)n;
        result[MetricNames.BalancedAccuracy] = recallSum / present;
        result[MetricNames.MacroF1] = f1Sum / present;
        result[MetricNames.LogLoss] = logLoss / n;
        if (classes == 2)
        {
            var scores = new double[n];
            for (var i = 0; i < n; i++) scores[i] = probabilities[i * 2 + 1];
            var auc = RocAuc(labels, scores);
            if (!double.IsNaN(auc)) result[MetricNames.RocAuc] = auc;
        }
        return result;
    }

    /// <summary>ROC AUC of scores for the positive class (label 1), by the rank-sum formula with tied ranks averaged; NaN when only one class is present.</summary>
    public static double RocAuc(IReadOnlyList<long> labels, IReadOnlyList<double> scores)
    {
        var n = labels.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[n];
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        long positives = labels.Count(l => l == 1);
        var negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var rankSum = 0.0;
        for (var i = 0; i < n; i++) if (labels[i] == 1) rankSum += ranks[i];
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
