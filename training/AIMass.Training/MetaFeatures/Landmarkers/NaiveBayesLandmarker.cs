namespace AIMass.Training.MetaFeatures.Landmarkers;

/// <summary>
/// Gaussian naive Bayes: per class, an independent normal per feature (variances smoothed by 1e-9 of the largest
/// feature variance plus a small floor), class priors from the training counts. For regression the target is cut into
/// up to <see cref="MaxBins"/> equal-frequency bins, the bins are the classes, and the prediction is the posterior
/// mean of the bins' mean targets.
/// </summary>
internal static class NaiveBayesLandmarker
{
    /// <summary>The most target bins for regression.</summary>
    public const int MaxBins = 10;

    public static double Score(LandmarkData data)
    {
        if (data.IsClassification)
        {
            var model = Fit(data.TrainX, data.TrainLabels, data.Classes);
            return data.Accuracy(data.TestX.Select(x => ArgMax(model.Posterior(x))).ToArray());
        }
        var (labels, bins, binMeans) = Bin(data.TrainY);
        var regression = Fit(data.TrainX, labels, bins);
        return data.R2(data.TestX.Select(x =>
        {
            var p = regression.Posterior(x);
            double y = 0;
            for (var b = 0; b < bins; b++) y += p[b] * binMeans[b];
            return y;
        }).ToArray());
    }

    private static Model Fit(double[][] x, int[] labels, int classes)
    {
        var features = x.Length > 0 ? x[0].Length : 0;
        var counts = new int[classes];
        var mean = new double[classes, features];
        var variance = new double[classes, features];
        for (var i = 0; i < x.Length; i++)
        {
            counts[labels[i]]++;
            for (var f = 0; f < features; f++) mean[labels[i], f] += x[i][f];
        }
        for (var c = 0; c < classes; c++)
        for (var f = 0; f < features; f++) mean[c, f] /= Math.Max(1, counts[c]);
        for (var i = 0; i < x.Length; i++)
        for (var f = 0; f < features; f++)
        {
            var d = x[i][f] - mean[labels[i], f];
            variance[labels[i], f] += d * d;
        }
        var largest = 0.0;
        var overall = Overall(x, features);
        for (var f = 0; f < features; f++) largest = Math.Max(largest, overall[f]);
        var smoothing = 1e-9 * largest + 1e-6;
        for (var c = 0; c < classes; c++)
        for (var f = 0; f < features; f++) variance[c, f] = variance[c, f] / Math.Max(1, counts[c]) + smoothing;
        var logPrior = counts.Select(n => n > 0 ? Math.Log(n / (double)x.Length) : double.NegativeInfinity).ToArray();
        return new Model(classes, features, mean, variance, logPrior);
    }

    private static double[] Overall(double[][] x, int features)
    {
        var result = new double[features];
        if (x.Length == 0) return result;
        for (var f = 0; f < features; f++)
        {
            double sum = 0, squares = 0;
            foreach (var row in x)
            {
                sum += row[f];
                squares += row[f] * row[f];
            }
            var m = sum / x.Length;
            result[f] = Math.Max(0, squares / x.Length - m * m);
        }
        return result;
    }

    private static (int[] Labels, int Bins, double[] Means) Bin(double[] y)
    {
        var bins = Math.Clamp(y.Length / 20, 2, MaxBins);
        var order = Enumerable.Range(0, y.Length).OrderBy(i => y[i]).ThenBy(i => i).ToArray();
        var labels = new int[y.Length];
        for (var rank = 0; rank < order.Length; rank++) labels[order[rank]] = (int)((long)rank * bins / order.Length);
        var sums = new double[bins];
        var counts = new int[bins];
        for (var i = 0; i < y.Length; i++)
        {
            sums[labels[i]] += y[i];
            counts[labels[i]]++;
        }
        return (labels, bins, sums.Select((s, b) => counts[b] > 0 ? s / counts[b] : 0).ToArray());
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    private sealed record Model(int Classes, int Features, double[,] Mean, double[,] Variance, double[] LogPrior)
    {
        /// <summary>Class posteriors (softmax of the joint log-likelihoods; classes absent in training get 0).</summary>
        public double[] Posterior(double[] x)
        {
            var log = new double[Classes];
            var max = double.NegativeInfinity;
            for (var c = 0; c < Classes; c++)
            {
                if (double.IsNegativeInfinity(LogPrior[c]))
                {
                    log[c] = double.NegativeInfinity;
                    continue;
                }
                var l = LogPrior[c];
                for (var f = 0; f < Features; f++)
                {
                    var v = Variance[c, f];
                    var d = x[f] - Mean[c, f];
                    l -= 0.5 * (Math.Log(2 * Math.PI * v) + d * d / v);
                }
                log[c] = l;
                max = Math.Max(max, l);
            }
            var p = new double[Classes];
            double total = 0;
            for (var c = 0; c < Classes; c++)
            {
                p[c] = double.IsNegativeInfinity(log[c]) ? 0 : Math.Exp(log[c] - max);
                total += p[c];
            }
            for (var c = 0; c < Classes; c++) p[c] /= total;
            return p;
        }
    }
}
