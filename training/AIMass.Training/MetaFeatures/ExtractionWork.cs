namespace AIMass.Training.MetaFeatures;

/// <summary>How much of a table one meta-feature computation looked at: subsample rows, numeric columns whose moments
/// were summarised, columns correlated, and encoded features the landmarkers saw.</summary>
internal sealed record ExtractionWork(int SampleRows, int StatisticColumns, int CorrelationColumns, int LandmarkFeatures);
