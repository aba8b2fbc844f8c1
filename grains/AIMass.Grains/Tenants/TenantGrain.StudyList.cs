using AIMass.Grains.Studies;

namespace AIMass.Grains.Tenants;

/// <summary>The tenant's study list: rows the study grains report, served page by page without calling them.</summary>
public sealed partial class TenantGrain
{
    public Task<StudyListPage> ListStudyPageAsync(int limit, string? cursor)
    {
        StudyListCursor.CheckLimit(limit);
        var after = cursor is null ? (StudyListCursor?)null : StudyListCursor.Decode(cursor);
        EnsureCreated();
        var page = S.Studies
            .Where(s => after is not { } c || c.Precedes(s.Value.CreatedUtc.UtcTicks, s.Key))
            .OrderByDescending(s => s.Value.CreatedUtc.UtcTicks)
            .ThenByDescending(s => s.Key, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var more = page.Count > limit;
        if (more) page.RemoveAt(limit);
        var entries = page.Select(s => new StudyListEntry(s.Key, s.Value.CreatedUtc, s.Value.Row)).ToArray();
        var next = more ? new StudyListCursor(page[^1].Value.CreatedUtc.UtcTicks, page[^1].Key).Encode() : null;
        return Task.FromResult(new StudyListPage(entries, next));
    }

    public async Task UpdateStudyRowAsync(string studyId, StudyInfo row)
    {
        // A study no longer indexed (deleted, or a tenant that is gone) is not brought back by a late report.
        if (!S.Created || !S.Studies.TryGetValue(studyId, out var entry)) return;
        entry.Row = StudyListRow.From(row);
        await state.WriteStateAsync();
    }
}
