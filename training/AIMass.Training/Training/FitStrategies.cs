namespace AIMass.Training.Training;

/// <summary>
/// After a cross-validation, what a family's artifact holds: the bag of its fold models or one refit on every training
/// row. Chosen by measurement (the bench's <c>fitstrategy</c> suite: each family's default on iris, diabetes and digits,
/// 2 seeds, scored on the internal test rows; figures in <c>bench/data/fitstrategy-2026-12-04.json</c>): the bag was as
/// good or better for the linear and kernel models, neighbours, boosted trees and MLPs (diabetes RMSE, bag vs refit:
/// linear 56.2 vs 56.3, kernel ridge 67.7 vs 70.8, k-NN 66.3 vs 67.2, boosted trees 60.8 vs 61.2; digits MLP 0.986 vs
/// 0.976), so they are bagged; averaging k models also costs no further training. Forests are refit: the two were mixed
/// (diabetes favoured the bag, digits the refit for extra trees, 0.976 vs 0.986), and a bag of k forests is a forest k
/// times larger to store, load and serve (tens of megabytes on a few thousand regression rows).
/// </summary>
public static class FitStrategies
{
    public const string Auto = "auto", Bag = "bag", Refit = "refit";

    /// <summary>The strategy for <paramref name="family"/>: <paramref name="requested"/> unless it is <c>auto</c>.</summary>
    public static string For(string family, string requested) => requested switch
    {
        Bag or Refit => requested,
        Auto => family is "rf" or "et" ? Refit : Bag,
        _ => throw new ArgumentException($"FitStrategy must be auto, bag or refit; got '{requested}'.", "FitStrategy"),
    };
}
