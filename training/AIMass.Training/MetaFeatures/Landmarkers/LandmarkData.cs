namespace AIMass.Training.MetaFeatures.Landmarkers;

/// <summary>
/// The encoded subsample split into a training part and a holdout: feature rows (standardised by the preprocessing),
/// and class ids (classification) or target values (regression).
/// </summary>
internal sealed class LandmarkData
{
    public required double[][] TrainX { get; init; }

    public required double[][] TestX { get; init; }

    /// <summary>Class ids of the training rows (classification), else empty.</summary>
    public int[] TrainLabels { get; init; } = [];

    /// <summary>Class ids of the holdout rows (classification), else empty.</summary>
    public int[] TestLabels { get; init; } = [];

    /// <summary>The number of classes (ids are 0..Classes-1); 0 for regression.</summary>
    public int Classes { get; init; }

    /// <summary>Targets of the training rows (regression), else empty.</summary>
    public double[] TrainY { get; init; } = [];

    /// <summary>Targets of the holdout rows (regression), else empty.</summary>
    public double[] TestY { get; init; } = [];

    public bool IsClassification => Classes > 0;

    public int Features => TrainX.Length > 0 ? TrainX[0].Length : TestX.Length > 0 ? TestX[0].Length : 0;

    /// <summary>The most common training class (lowest id on ties).</summary>
    public int MajorityClass()
    {
        var counts = new int[Classes];
        foreach (var label in TrainLabels) counts[label]++;
        var best = 0;
        for (var c = 1; c < Classes; c++)
        {
            if (counts[c] > counts[best]) best = c;
        }
        return best;
    }

    /// <summary>Share of <paramref name="predicted"/> equal to the holdout labels.</summary>
    public double Accuracy(int[] predicted)
    {
        if (TestLabels.Length == 0) return 0;
        var hits = 0;
        for (var i = 0; i < TestLabels.Length; i++)
        {
            if (predicted[i] == TestLabels[i]) hits++;
        }
        return hits / (double)TestLabels.Length;
    }

    /// <summary>R² of <paramref name="predicted"/> on the holdout targets, clipped to [-1, 1] (0 when the holdout does not vary and the predictions miss).</summary>
    public double R2(double[] predicted)
    {
        if (TestY.Length == 0) return 0;
        var mean = TestY.Average();
        double residual = 0, total = 0;
        for (var i = 0; i < TestY.Length; i++)
        {
            residual += (TestY[i] - predicted[i]) * (TestY[i] - predicted[i]);
            total += (TestY[i] - mean) * (TestY[i] - mean);
        }
        if (total <= 1e-12 * Math.Max(1, mean * mean)) return residual <= 1e-12 ? 1 : 0;
        var r2 = 1 - residual / total;
        return double.IsFinite(r2) ? Math.Clamp(r2, -1, 1) : -1;
    }
}
