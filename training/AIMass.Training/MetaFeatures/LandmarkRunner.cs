using AIMass.Training.Data;
using AIMass.Training.MetaFeatures.Landmarkers;
using AIMass.Training.Preprocessing;
using N = AIMass.Training.MetaFeatures.MetaFeatureNames;

namespace AIMass.Training.MetaFeatures;

/// <summary>Encodes the subsample, splits it into training rows and a holdout, and scores the four landmarker models.</summary>
internal static class LandmarkRunner
{
    public static (IReadOnlyDictionary<string, double> Scores, int Features) Run(CsvTable table, string target, TaskKind kind, ImageShape? image, int[] sample, Random random)
    {
        var holdout = Math.Max(1, (int)Math.Round(sample.Length * MetaFeatureExtractor.HoldoutShare));
        var trainRows = sample[..(sample.Length - holdout)];
        var testRows = sample[(sample.Length - holdout)..];
        var preprocessor = TabularPreprocessor.Fit(table, target, kind, trainRows, image);
        var width = preprocessor.FeatureCount;
        var keep = MetaFeatureExtractor.Choose(Enumerable.Range(0, width).ToArray(), MetaFeatureExtractor.MaxLandmarkFeatures, random);
        var data = kind == TaskKind.Classification
            ? new LandmarkData
            {
                TrainX = Encode(preprocessor, table, trainRows, keep),
                TestX = Encode(preprocessor, table, testRows, keep),
                TrainLabels = preprocessor.Target.EncodeLabels(table, trainRows).Select(l => (int)l).ToArray(),
                TestLabels = preprocessor.Target.EncodeLabels(table, testRows).Select(l => (int)l).ToArray(),
                Classes = preprocessor.Target.Classes.Count,
            }
            : new LandmarkData
            {
                TrainX = Encode(preprocessor, table, trainRows, keep),
                TestX = Encode(preprocessor, table, testRows, keep),
                TrainY = preprocessor.Target.RawValues(table, trainRows),
                TestY = preprocessor.Target.RawValues(table, testRows),
            };
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [N.Landmark1Nn] = NearestNeighbourLandmarker.Score(data),
            [N.LandmarkNaiveBayes] = NaiveBayesLandmarker.Score(data),
            [N.LandmarkStump] = StumpLandmarker.Score(data),
            [N.LandmarkLinear] = LinearLandmarker.Score(data),
        };
        return (scores, keep.Length);
    }

    private static double[][] Encode(TabularPreprocessor preprocessor, CsvTable table, int[] rows, int[] keep)
    {
        var encoded = preprocessor.Transform(table, rows);
        var width = preprocessor.FeatureCount;
        var result = new double[rows.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new double[keep.Length];
            for (var j = 0; j < keep.Length; j++) row[j] = encoded[(long)i * width + keep[j]];
            result[i] = row;
        }
        return result;
    }
}
