using AIMass.Grains.Artifacts;

namespace AIMass.Grains.Datasets.Staging;

/// <summary>
/// Removes stray staged uploads: those an edge never handed to a data set grain (a web host killed mid-upload). Only
/// objects older than <see cref="MaxAge"/> go, so uploads still streaming or waiting for their grain are left alone.
/// Silos sweep every tenant's staging area when they start; a data set grain sweeps its tenant's on each upload.
/// </summary>
public sealed class StagingSweeper(IArtifactStore artifacts, TimeProvider clock)
{
    /// <summary>How old a staged object must be to count as stray.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    /// <summary>Deletes the staged objects under <paramref name="prefix"/> (a staging folder) older than <see cref="MaxAge"/>; returns how many.</summary>
    public Task<int> SweepAsync(string prefix = ArtifactPaths.StagingRoot, CancellationToken ct = default) =>
        SweepOlderThanAsync(prefix, clock.GetUtcNow() - MaxAge, ct);

    /// <summary>Deletes the staged objects under <paramref name="prefix"/> last written before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> SweepOlderThanAsync(string prefix, DateTimeOffset cutoff, CancellationToken ct = default)
    {
        if (!prefix.StartsWith(ArtifactPaths.StagingRoot, StringComparison.Ordinal) || !prefix.EndsWith('/'))
        {
            throw new ArgumentException($"'{prefix}' is not a staging folder.", nameof(prefix));
        }
        var removed = 0;
        foreach (var entry in await artifacts.ListAsync(prefix, ct))
        {
            if (entry.LastModifiedUtc >= cutoff) continue;
            removed += await artifacts.DeletePrefixAsync(entry.Path, ct);
        }
        return removed;
    }
}
