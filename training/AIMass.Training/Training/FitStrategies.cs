namespace AIMass.Training.Training;

/// <summary>
/// After a cross-validation, what a family's artifact holds: the bag of its fold models or one refit on every training
/// row. Networks, boosted trees and forests are bagged: averaging k models trained on different folds reduces their
/// variance and costs no further training. Linear models and neighbours are refit: they are nearly deterministic given
/// the rows (a bag of them is close to one model on fewer rows) and refitting takes milliseconds; k-nearest neighbours in
/// particular gets better with every row it can search.
/// </summary>
public static class FitStrategies
{
    public const string Auto = "auto", Bag = "bag", Refit = "refit";

    /// <summary>The strategy for <paramref name="family"/>: <paramref name="requested"/> unless it is <c>auto</c>.</summary>
    public static string For(string family, string requested) => requested switch
    {
        Bag or Refit => requested,
        Auto => family is "linear" or "knn" ? Refit : Bag,
        _ => throw new ArgumentException($"FitStrategy must be auto, bag or refit; got '{requested}'.", "FitStrategy"),
    };
}
