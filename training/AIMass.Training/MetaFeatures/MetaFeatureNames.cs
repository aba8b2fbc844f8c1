namespace AIMass.Training.MetaFeatures;

/// <summary>
/// The names of the meta-features <see cref="MetaFeatureExtractor.Compute"/> returns, with their meaning. Every value is
/// a finite number. "Feature columns" are the columns other than the target. Statistics and landmarkers are computed on
/// a seeded subsample of at most <c>maxRows</c> labelled rows; counts and target statistics on the whole table.
/// </summary>
public static class MetaFeatureNames
{
    // ---- simple --------------------------------------------------------------------------------------------

    /// <summary>Rows of the table.</summary>
    public const string Rows = "rows";

    /// <summary>Natural logarithm of <see cref="Rows"/>.</summary>
    public const string LogRows = "log_rows";

    /// <summary>Feature columns (pixels for image data).</summary>
    public const string Columns = "columns";

    /// <summary>Distinct target values for classification; 0 for regression.</summary>
    public const string Classes = "classes";

    /// <summary>Rows of the rarest class over rows of the most common one (1 = balanced); 0 for regression.</summary>
    public const string ClassRatio = "class_ratio";

    /// <summary>Share of feature columns read as numbers (pixels always are), per the schema inference on the subsample.</summary>
    public const string NumericShare = "numeric_share";

    /// <summary>Share of feature columns read as categories, booleans or text, per the schema inference on the subsample.</summary>
    public const string CategoricalShare = "categorical_share";

    /// <summary>Share of missing feature cells in the subsample.</summary>
    public const string MissingShare = "missing_share";

    // ---- statistical -----------------------------------------------------------------------------------------

    /// <summary>Mean absolute skewness of the numeric feature columns that vary (0 when none does).</summary>
    public const string SkewnessMean = "skewness_mean";

    /// <summary>Largest absolute skewness of a numeric feature column.</summary>
    public const string SkewnessMax = "skewness_max";

    /// <summary>Mean excess kurtosis of the numeric feature columns that vary.</summary>
    public const string KurtosisMean = "kurtosis_mean";

    /// <summary>Largest excess kurtosis of a numeric feature column.</summary>
    public const string KurtosisMax = "kurtosis_max";

    /// <summary>Shannon entropy of the class distribution in bits (log2 of the class count when balanced); 0 for regression.</summary>
    public const string ClassEntropy = "class_entropy";

    /// <summary>Mean absolute Pearson correlation over pairs of varying numeric feature columns (missing cells at the column
    /// mean; at most <see cref="MetaFeatureExtractor.MaxCorrelationColumns"/> columns, a seeded choice); 0 with fewer than two.</summary>
    public const string MeanAbsCorrelation = "mean_abs_correlation";

    // ---- landmarkers -----------------------------------------------------------------------------------------

    /// <summary>One-nearest-neighbour (Euclidean, on the encoded features) on the holdout: accuracy, or R² clipped to [-1, 1].</summary>
    public const string Landmark1Nn = "landmark_1nn";

    /// <summary>Gaussian naive Bayes on the holdout: accuracy; for regression, naive Bayes over equal-frequency bins of the
    /// target predicting the posterior mean of the bins' means, scored by R² clipped to [-1, 1].</summary>
    public const string LandmarkNaiveBayes = "landmark_naive_bayes";

    /// <summary>The best single split of one feature (a decision stump: Gini for classes, squared error for values) on the
    /// holdout: accuracy, or R² clipped to [-1, 1].</summary>
    public const string LandmarkStump = "landmark_stump";

    /// <summary>A linear model on the holdout: L2-regularised multinomial logistic regression (accuracy) or ridge
    /// regression (R² clipped to [-1, 1]).</summary>
    public const string LandmarkLinear = "landmark_linear";

    // ---- modality --------------------------------------------------------------------------------------------

    /// <summary>1 for image data (pixel columns with a declared shape), 0 for tabular data.</summary>
    public const string IsImage = "is_image";

    /// <summary>Image channels; 0 for tabular data.</summary>
    public const string ImageChannels = "image_channels";

    /// <summary>Image height in pixels; 0 for tabular data.</summary>
    public const string ImageHeight = "image_height";

    /// <summary>Image width in pixels; 0 for tabular data.</summary>
    public const string ImageWidth = "image_width";

    /// <summary>Every name above, in this order (the keys of every result).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Rows, LogRows, Columns, Classes, ClassRatio, NumericShare, CategoricalShare, MissingShare,
        SkewnessMean, SkewnessMax, KurtosisMean, KurtosisMax, ClassEntropy, MeanAbsCorrelation,
        Landmark1Nn, LandmarkNaiveBayes, LandmarkStump, LandmarkLinear,
        IsImage, ImageChannels, ImageHeight, ImageWidth,
    ];

    /// <summary>The landmarker names.</summary>
    public static IReadOnlyList<string> Landmarkers { get; } = [Landmark1Nn, LandmarkNaiveBayes, LandmarkStump, LandmarkLinear];
}
