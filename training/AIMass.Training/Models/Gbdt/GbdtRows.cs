namespace AIMass.Training.Models.Gbdt;

/// <summary>A training row for a LightGBM classifier: features and the 0-based class id (loaded as a key of the class count).</summary>
internal sealed class GbdtClassRow
{
    public float[] Features { get; set; } = Array.Empty<float>();
    public uint Label { get; set; }
}

/// <summary>A training row for a LightGBM regressor: features and the standardised target.</summary>
internal sealed class GbdtValueRow
{
    public float[] Features { get; set; } = Array.Empty<float>();
    public float Label { get; set; }
}

/// <summary>A row to score.</summary>
internal sealed class GbdtInputRow
{
    public float[] Features { get; set; } = Array.Empty<float>();
}
