namespace AIMass.Training.Models.Forest;

/// <summary>
/// What every tree of a forest reads, shared and never written while trees grow: the targets and the features in
/// the form the splitter wants (bins for <c>rf</c>, raw values for <c>et</c>).
/// </summary>
/// <param name="Rows">Training rows.</param>
/// <param name="FeatureCount">Features per row.</param>
/// <param name="Labels">Class ids (classification), else null.</param>
/// <param name="Targets">Standardised targets (regression), else null.</param>
/// <param name="Width">Leaf value width: the classes, or 1 for regression.</param>
/// <param name="Bins">The binned features (<c>rf</c>), else null.</param>
/// <param name="Features">Raw features row-major <c>[rows, features]</c> (<c>et</c>), else null.</param>
/// <param name="Columns">The same raw features column-major <c>[features, rows]</c> (<c>et</c>), else null.</param>
/// <param name="FeaturesPerSplit">Features tried at each split.</param>
internal sealed record ForestTrainingSet(
    int Rows, int FeatureCount, int[]? Labels, float[]? Targets, int Width, ForestBins? Bins, float[]? Features, float[]? Columns, int FeaturesPerSplit)
{
    /// <summary>Whether leaves hold class distributions.</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>Nodes with more rows read features column-major, smaller ones row-major (whichever stays in cache).</summary>
    public const int ColumnMajorAbove = 64;
}
