using AIMass.Training.Data;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// One task of the meta-learning benchmark: a data set (bundled or generated), its target, task kind
/// (<c>classification</c> or <c>regression</c>), image shape (for pixel data) and the split seed all its trials share.
/// </summary>
internal sealed record MetaTask(string Id, string DataSet, string Task, CsvTable Table, string Target, ImageShape? Image, int SplitSeed)
{
    /// <summary>The selection metric's name, as the service reports it.</summary>
    public string Metric => Task == "regression" ? "r2" : "accuracy";

    /// <summary>The image shape as the service's wire record, for its default search spaces.</summary>
    public AIMass.Grains.Datasets.ImageShape? WireImage => Image is { } s ? new(s.Channels, s.Height, s.Width) : null;
}
