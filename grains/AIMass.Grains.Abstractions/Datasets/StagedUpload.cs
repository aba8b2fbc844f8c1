namespace AIMass.Grains.Datasets;

/// <summary>A CSV streamed to a tenant's staging area: where it lies, its size and its rows as counted while it streamed.</summary>
/// <param name="Path">The staging object's path (bound to the tenant; the upload id in it is random).</param>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Rows">Non-empty lines counted outside quotes (the header included): an early estimate, not the parse.</param>
[GenerateSerializer, Immutable, Alias("aimass.staged-upload")]
public sealed record StagedUpload([property: Id(0)] string Path, [property: Id(1)] long Bytes, [property: Id(2)] long Rows);
