namespace AIMass.Training.Training;

/// <summary>
/// After a cross-validation, what a family's artifact holds: the bag of its fold models or one refit on every training
/// row. Networks and boosted trees are bagged: averaging k models trained on different folds reduces their variance
/// and costs no further training. Linear and kernel models and neighbours are refit: they are nearly deterministic given the rows
/// (a bag of them is close to one model on fewer rows) and refitting takes milliseconds; k-nearest neighbours in
/// particular gets better with every row it can search. Forests are refit too: a forest is already a bag of trees, so a
/// bag of k forests is one k times larger (to store, load and serve) for little gain over one forest on every row.
/// </summary>
public static class FitStrategies
{
    public const string Auto = "auto", Bag = "bag", Refit = "refit";

    /// <summary>The strategy for <paramref name="family"/>: <paramref name="requested"/> unless it is <c>auto</c>.</summary>
    public static string For(string family, string requested) => requested switch
    {
        Bag or Refit => requested,
        Auto => family is "linear" or "krr" or "knn" or "rf" or "et" ? Refit : Bag,
        _ => throw new ArgumentException($"FitStrategy must be auto, bag or refit; got '{requested}'.", "FitStrategy"),
    };
}
