namespace AIMass.Grains.Artifacts;

/// <summary>An object in the artifact store: its path and when it was last written.</summary>
public sealed record ArtifactEntry(string Path, DateTimeOffset LastModifiedUtc);
