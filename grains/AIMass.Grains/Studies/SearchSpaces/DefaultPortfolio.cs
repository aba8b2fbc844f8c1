using System.Globalization;
using H = AIMass.Training.Hyperparameters;

namespace AIMass.Grains.Studies.SearchSpaces;

/// <summary>
/// The configurations a tabular study with the default search space tries first, cheapest first: one well-known
/// default per family (a ridge / logistic regression, nearest neighbours, kernel ridge with an RBF kernel, extra
/// trees, a random forest, boosted trees with a moderate learning rate, an MLP). Each is a strong baseline on its own, together they cover the kinds of
/// model an ensemble gains from mixing, and the sampler (and meta-learning's warm starts) take over after them.
/// </summary>
public static class DefaultPortfolio
{
    /// <param name="task"><c>classification</c> or <c>regression</c>.</param>
    /// <param name="inputWidth">Encoded features, as estimated from the schema (forests try the square root of them per split for classification).</param>
    /// <param name="rows">Rows of the data set.</param>
    public static List<Dictionary<string, string>> For(string task, int inputWidth, int rows)
    {
        var classification = task == "classification";
        var maxFeatures = classification ? Math.Clamp(Math.Sqrt(inputWidth) / Math.Max(1, inputWidth), 0.05, 1.0) : 1.0;
        var small = rows < DefaultSearchSpaces.SmallRows;
        var portfolio = new List<Dictionary<string, string>>
        {
            new() { [H.Family] = "linear", [H.Alpha] = "1" },
            new() { [H.Family] = "knn", [H.Neighbours] = classification ? "5" : "10", [H.Weighting] = "distance" },
            new() { [H.Family] = "krr", [H.Alpha] = classification ? "0.1" : "1", [H.Gamma] = "1" },
            // Regression trees grow to single rows by default: a larger minimum leaf keeps a forest on thousands of rows
            // to seconds and megabytes, at little cost in accuracy.
            new() { [H.Family] = "et", [H.Trees] = "100", [H.MaxFeatures] = Text(classification ? maxFeatures : 0.7), [H.MinLeaf] = classification ? "1" : "3" },
            new() { [H.Family] = "rf", [H.Trees] = "100", [H.MaxFeatures] = Text(classification ? maxFeatures : 0.5), [H.MinLeaf] = classification ? "1" : "3" },
            new()
            {
                [H.Family] = "gbdt", [H.Trees] = "200", [H.Leaves] = small ? "16" : "31", [H.Shrinkage] = "0.05",
                [H.FeatureFraction] = "0.8", [H.MinLeaf] = "20",
            },
            new()
            {
                [H.Family] = "mlp", [H.Layers] = "2", [H.Skip] = "false", [H.Norm] = "none", [H.Width] = "128", [H.Dropout] = "0.1",
                [H.LearningRate] = "0.003", [H.WeightDecay] = "0.0001", [H.BatchSize] = small ? "64" : "128", [H.LabelSmoothing] = "0",
            },
        };
        return portfolio;
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
