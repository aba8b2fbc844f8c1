namespace AIMass.Training.Ensembles;

/// <summary>
/// Greedy ensemble selection with replacement (Caruana et al., 2004): starting from the best single model, each round
/// adds the candidate (possibly one already in) whose inclusion gives the best score of the averaged predictions; the
/// best ensemble seen over the rounds is kept, and a candidate's weight is its share of the picks. Scored on
/// out-of-fold predictions: classification by accuracy with ties broken by log loss, regression by squared error.
/// Deterministic: ties between candidates go to the lower index.
/// </summary>
public static class EnsembleSelection
{
    /// <summary>Rounds of selection by default.</summary>
    public const int DefaultRounds = 40;

    /// <param name="candidates">Each candidate's outputs over the same rows: probabilities row-major <c>[rows, width]</c>, or values (width 1).</param>
    /// <param name="width">Classes, or 1 for regression.</param>
    /// <param name="labels">Label ids per row (classification), else null.</param>
    /// <param name="targets">Targets per row on the outputs' scale (regression), else null.</param>
    /// <param name="rounds">Models picked (with replacement).</param>
    /// <returns>A weight per candidate, summing to 1.</returns>
    public static double[] Select(IReadOnlyList<float[]> candidates, int width, IReadOnlyList<long>? labels, IReadOnlyList<double>? targets, int rounds = DefaultRounds)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) throw new ArgumentException("Ensemble selection needs at least one candidate.", nameof(candidates));
        if ((labels is null) == (targets is null)) throw new ArgumentException("Give labels (classification) or targets (regression).", nameof(labels));
        var rows = labels?.Count ?? targets!.Count;
        if (candidates.Any(c => c.Length != rows * width)) throw new ArgumentException($"Every candidate needs {rows}x{width} outputs.", nameof(candidates));
        if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "Rounds must be at least 1.");

        var sum = new double[rows * width];
        var picks = new int[candidates.Count];
        var trial = new double[rows * width];
        (double Primary, double Secondary) bestLoss = (double.PositiveInfinity, double.PositiveInfinity);
        int[] bestPicks = picks;
        for (var round = 1; round <= rounds; round++)
        {
            var chosen = -1;
            (double, double) chosenLoss = (double.PositiveInfinity, double.PositiveInfinity);
            for (var c = 0; c < candidates.Count; c++)
            {
                var outputs = candidates[c];
                for (var i = 0; i < trial.Length; i++) trial[i] = (sum[i] + outputs[i]) / round;
                var loss = Loss(trial, width, labels, targets);
                if (chosen < 0 || Better(loss, chosenLoss))
                {
                    chosen = c;
                    chosenLoss = loss;
                }
            }
            var pick = candidates[chosen];
            for (var i = 0; i < sum.Length; i++) sum[i] += pick[i];
            picks[chosen]++;
            if (Better(chosenLoss, bestLoss))
            {
                bestLoss = chosenLoss;
                bestPicks = (int[])picks.Clone();
            }
        }
        var total = bestPicks.Sum();
        return bestPicks.Select(p => p / (double)total).ToArray();
    }

    /// <summary>(error rate, log loss) for classification; (mean squared error, 0) for regression. Lower is better.</summary>
    public static (double Primary, double Secondary) Loss(ReadOnlySpan<double> outputs, int width, IReadOnlyList<long>? labels, IReadOnlyList<double>? targets)
    {
        if (labels is not null)
        {
            var wrong = 0;
            double logLoss = 0;
            for (var r = 0; r < labels.Count; r++)
            {
                var row = outputs.Slice(r * width, width);
                var best = 0;
                for (var c = 1; c < width; c++) if (row[c] > row[best]) best = c;
                var y = (int)labels[r];
                if (best != y) wrong++;
                logLoss -= Math.Log(Math.Clamp(row[y], 1e-15, 1.0));
            }
            return (wrong / (double)labels.Count, logLoss / labels.Count);
        }
        double squared = 0;
        for (var r = 0; r < targets!.Count; r++) squared += (outputs[r] - targets[r]) * (outputs[r] - targets[r]);
        return (squared / targets.Count, 0);
    }

    private static bool Better((double Primary, double Secondary) a, (double Primary, double Secondary) b) =>
        a.Primary < b.Primary - 1e-12 || (Math.Abs(a.Primary - b.Primary) <= 1e-12 && a.Secondary < b.Secondary - 1e-12);
}
