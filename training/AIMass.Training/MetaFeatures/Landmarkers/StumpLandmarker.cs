namespace AIMass.Training.MetaFeatures.Landmarkers;

/// <summary>
/// A decision stump: the single threshold on a single feature that best separates the training rows (lowest weighted
/// Gini impurity for classes, lowest squared error for values), thresholds half-way between neighbouring distinct
/// values; each side predicts its majority class or mean. Without any possible split it predicts the training
/// majority class or mean.
/// </summary>
internal static class StumpLandmarker
{
    public static double Score(LandmarkData data)
    {
        var n = data.TrainX.Length;
        var (feature, threshold) = data.IsClassification ? BestClassSplit(data) : BestValueSplit(data);
        if (feature < 0)
        {
            return data.IsClassification
                ? data.Accuracy(Enumerable.Repeat(data.MajorityClass(), data.TestX.Length).ToArray())
                : data.R2(Enumerable.Repeat(n > 0 ? data.TrainY.Average() : 0, data.TestX.Length).ToArray());
        }
        var left = Enumerable.Range(0, n).Where(i => data.TrainX[i][feature] <= threshold).ToArray();
        var right = Enumerable.Range(0, n).Where(i => data.TrainX[i][feature] > threshold).ToArray();
        if (data.IsClassification)
        {
            int Majority(int[] rows) => rows.GroupBy(i => data.TrainLabels[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            var (l, r) = (Majority(left), Majority(right));
            return data.Accuracy(data.TestX.Select(x => x[feature] <= threshold ? l : r).ToArray());
        }
        var (lm, rm) = (left.Average(i => data.TrainY[i]), right.Average(i => data.TrainY[i]));
        return data.R2(data.TestX.Select(x => x[feature] <= threshold ? lm : rm).ToArray());
    }

    private static (int Feature, double Threshold) BestClassSplit(LandmarkData data)
    {
        var n = data.TrainX.Length;
        var k = data.Classes;
        var total = new long[k];
        foreach (var label in data.TrainLabels) total[label]++;
        var totalSquares = total.Sum(c => c * c);
        var best = (Feature: -1, Threshold: 0.0);
        var bestImpurity = double.PositiveInfinity;
        var left = new long[k];
        for (var f = 0; f < data.Features; f++)
        {
            var order = Sorted(data.TrainX, f);
            Array.Clear(left);
            long leftSquares = 0, rightSquares = totalSquares;
            for (var i = 0; i < n - 1; i++)
            {
                var c = data.TrainLabels[order[i]];
                leftSquares += 2 * left[c] + 1;
                rightSquares -= 2 * (total[c] - left[c]) - 1;
                left[c]++;
                var here = data.TrainX[order[i]][f];
                var next = data.TrainX[order[i + 1]][f];
                if (next <= here) continue;
                var nl = i + 1;
                var nr = n - nl;
                var impurity = nl - leftSquares / (double)nl + nr - rightSquares / (double)nr;
                if (impurity < bestImpurity - 1e-12)
                {
                    bestImpurity = impurity;
                    best = (f, here + (next - here) / 2);
                }
            }
        }
        return best;
    }

    private static (int Feature, double Threshold) BestValueSplit(LandmarkData data)
    {
        var n = data.TrainX.Length;
        var sum = data.TrainY.Sum();
        var best = (Feature: -1, Threshold: 0.0);
        var bestGain = double.NegativeInfinity;
        for (var f = 0; f < data.Features; f++)
        {
            var order = Sorted(data.TrainX, f);
            double leftSum = 0;
            for (var i = 0; i < n - 1; i++)
            {
                leftSum += data.TrainY[order[i]];
                var here = data.TrainX[order[i]][f];
                var next = data.TrainX[order[i + 1]][f];
                if (next <= here) continue;
                var nl = i + 1;
                var nr = n - nl;
                var gain = leftSum * leftSum / nl + (sum - leftSum) * (sum - leftSum) / nr;
                if (best.Feature < 0 || gain > bestGain + 1e-12 * Math.Abs(bestGain))
                {
                    bestGain = gain;
                    best = (f, here + (next - here) / 2);
                }
            }
        }
        return best;
    }

    private static int[] Sorted(double[][] x, int feature)
    {
        var order = Enumerable.Range(0, x.Length).ToArray();
        var keys = x.Select(row => row[feature]).ToArray();
        Array.Sort(keys, order);
        return order;
    }
}
