namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// A known task chosen as a neighbour of the new one: its id and owner, its distance in the normalised
/// meta-feature space (<see cref="MetaFeatureSpace.Distance"/>), and its share of the proposals' weight (the
/// weights of one proposal's neighbours sum to 1; nearer tasks weigh more).
/// </summary>
public sealed record NeighbourTask(string TaskId, string? Owner, double Distance, double Weight);
