using AIMass.Grains.Artifacts;
using AIMass.Training.Data;
using AIMass.Training.MetaFeatures;

namespace AIMass.Grains.Datasets;

/// <summary>
/// Computes a data set version's meta-features for a target on a bounded, seeded subsample, off the grain turn
/// (callers await it; the work runs on the thread pool).
/// </summary>
public sealed class MetaFeatureComputer(IArtifactStore artifacts)
{
    /// <summary>Rows the landmarkers and statistics look at, at most.</summary>
    public const int SampleRows = 1000;

    public async Task<Dictionary<string, double>> ComputeAsync(DatasetVersionInfo version, string target, CancellationToken ct = default)
    {
        var bytes = await artifacts.ReadAllBytesAsync(version.ArtifactPath, ct);
        return await Task.Run(() => Compute(bytes, target, version.Image), ct);
    }

    public static Dictionary<string, double> Compute(byte[] csv, string target, ImageShape? image)
    {
        using var stream = new MemoryStream(csv, writable: false);
        var table = CsvTable.Parse(stream);
        var shape = image is null ? null : new Training.Data.ImageShape(image.Channels, image.Height, image.Width);
        return MetaFeatureExtractor.Compute(table, target, shape, seed: 17, maxRows: SampleRows)
            .Where(kv => double.IsFinite(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
