namespace AIMass.Training.Artifacts;

/// <summary>One member of a bag or an ensemble.</summary>
/// <param name="Family">The member's family (an ensemble's member may itself be a bag).</param>
/// <param name="Weight">Its weight in the combination of outputs (the weights of an artifact's members sum to 1).</param>
/// <param name="TrainedAs">How the member was trained (see <see cref="ArtifactMetadata.TrainedAs"/>).</param>
/// <param name="TrainRows">Training rows the member saw.</param>
/// <param name="ParameterCount">The member's parameters.</param>
/// <param name="Source">Where it came from (an ensemble names the trial, e.g. <c>trial 12</c>), or null.</param>
public sealed record MemberInfo(string Family, double Weight, string TrainedAs, int TrainRows, long ParameterCount, string? Source = null);
