using AIMass.Training.Configuration;

namespace AIMass.Training.Models.Knn;

/// <summary>The <c>knn</c> family's options (see <see cref="Hyperparameters.Neighbours"/>, <see cref="Hyperparameters.Weighting"/>).</summary>
/// <param name="Neighbours">Neighbours that vote (capped at the training rows).</param>
/// <param name="DistanceWeighted">Whether votes are weighted by the inverse distance (<c>distance</c>) rather than equal (<c>uniform</c>).</param>
internal sealed record KnnSettings(int Neighbours, bool DistanceWeighted)
{
    /// <summary>Reads the options; a neighbour count above <paramref name="rows"/> is capped, and the cap recorded.</summary>
    public static KnnSettings Read(HyperparameterReader hp, int rows)
    {
        var neighbours = hp.Int(Hyperparameters.Neighbours, 5, 1, 200);
        if (rows >= 1 && neighbours > rows)
        {
            neighbours = rows;
            hp.Override(Hyperparameters.Neighbours, neighbours);
        }
        var weighting = hp.Choice(Hyperparameters.Weighting, "uniform", "uniform", "distance");
        return new(neighbours, weighting == "distance");
    }
}
