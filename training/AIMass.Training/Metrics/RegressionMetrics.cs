namespace AIMass.Training.Metrics;

/// <summary>Regression metrics in the target's original units.</summary>
public static class RegressionMetrics
{
    /// <summary>Computes RMSE, MAE and R^2 (1 - SSE/SST; 0 when the targets are constant and the predictions exact or not).</summary>
    public static IReadOnlyDictionary<string, double> Compute(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count) throw new ArgumentException($"{actual.Count} targets but {predicted.Count} predictions.", nameof(predicted));
        var result = new Dictionary<string, double>();
        var n = actual.Count;
        if (n == 0) return result;
        var mean = actual.Average();
        double sse = 0, sst = 0, sae = 0;
        for (var i = 0; i < n; i++)
        {
            var e = actual[i] - predicted[i];
            sse += e * e;
            sae += Math.Abs(e);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        result[MetricNames.Rmse] = Math.Sqrt(sse / n);
        result[MetricNames.Mae] = sae / n;
        result[MetricNames.R2] = sst > 0 ? 1 - sse / sst : 0;
        return result;
    }
}
