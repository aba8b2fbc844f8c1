namespace AIMass.Training.MetaFeatures.Landmarkers;

/// <summary>One nearest neighbour by Euclidean distance (the first training row on ties).</summary>
internal static class NearestNeighbourLandmarker
{
    public static double Score(LandmarkData data)
    {
        var nearest = new int[data.TestX.Length];
        for (var i = 0; i < data.TestX.Length; i++) nearest[i] = Nearest(data.TrainX, data.TestX[i]);
        return data.IsClassification
            ? data.Accuracy(nearest.Select(n => data.TrainLabels[n]).ToArray())
            : data.R2(nearest.Select(n => data.TrainY[n]).ToArray());
    }

    private static int Nearest(double[][] train, double[] x)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var j = 0; j < train.Length; j++)
        {
            var row = train[j];
            double d = 0;
            for (var f = 0; f < x.Length && d < bestDistance; f++)
            {
                var diff = row[f] - x[f];
                d += diff * diff;
            }
            if (d < bestDistance)
            {
                bestDistance = d;
                best = j;
            }
        }
        return best;
    }
}
