namespace AIMass.Training.Models.Host;

/// <summary>
/// The training rows of a host model: row-major encoded features, and either label ids (classification, in
/// <c>[0, Classes)</c>) or standardised targets (regression: <c>(y - mean) / scale</c>).
/// </summary>
/// <param name="Features">Row-major <c>[Rows, FeatureCount]</c>.</param>
/// <param name="Rows">Rows.</param>
/// <param name="FeatureCount">Features per row.</param>
/// <param name="Labels">Class ids per row (classification), else null.</param>
/// <param name="Targets">Standardised targets per row (regression), else null.</param>
/// <param name="Task">The task.</param>
/// <param name="Classes">Classes (classification), 1 for regression.</param>
/// <param name="Seed">Seeds every random choice of the fit: equal seeds and data give equal models.</param>
/// <param name="Threads">Threads the fit may use.</param>
internal sealed record HostFitData(float[] Features, int Rows, int FeatureCount, long[]? Labels, float[]? Targets, TaskKind Task, int Classes, int Seed, int Threads)
{
    /// <summary>Output width: the classes, or 1 for regression.</summary>
    public int OutputWidth => Task == TaskKind.Classification ? Classes : 1;
}
