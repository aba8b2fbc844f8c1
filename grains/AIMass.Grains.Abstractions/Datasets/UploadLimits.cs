namespace AIMass.Grains.Datasets;

/// <summary>The caps an upload is held to while it streams: refused the moment one is passed.</summary>
/// <param name="MaxBytes">The largest file, in bytes (passing it is refused as too large, 413).</param>
/// <param name="BytesLimitName">What the byte limit is called in the refusal (a setting's name, for example).</param>
/// <param name="MaxRows">The most data rows (the header row not counted; passing it is refused as invalid, 400).</param>
public sealed record UploadLimits(long MaxBytes, string BytesLimitName, int MaxRows)
{
    /// <summary>The most data rows a data set may have (the parser's own cap).</summary>
    public const int MaxDataRows = 1_000_000;

    /// <summary>The largest data set file the service accepts (an edge may be stricter).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The service's own limits: what a data set grain accepts.</summary>
    public static UploadLimits Service { get; } = new(MaxFileBytes, "the service's data set size limit", MaxDataRows);
}
