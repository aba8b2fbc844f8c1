using AIMass.Optimization;
using Orleans.Storage;

namespace AIMass.Grains.Studies.Persistence;

/// <summary>
/// Keeps a study's trials in fixed-size pages of their own records, so that a write of the study costs the same
/// after 20,000 trials as after 20: the study record holds no trial, and a write stores only the pages whose
/// trials changed since the last one (a summary replaced, an optimizer trial that was unfinished, or new trials).
/// Pages are written before the study record and read until the first missing one, so a crash between the two
/// loses no trial. Only the trials unfinished at the last write and those added since are compared: a finished
/// trial's summary is never replaced (the study records a trial's end once), so the others cannot have changed.
/// A study keeps the page size its first page was stored with (256 for pages stored before sizes were recorded).
/// </summary>
public sealed class StudyTrialPages(IGrainStorage storage, string studyKey)
{
    /// <summary>Trials per page (by trial number) of a study whose pages are new.</summary>
    public const int PageSize = 16;

    /// <summary>Trials per page of pages stored before the size was recorded in them.</summary>
    public const int LegacyPageSize = 256;

    /// <summary>Pages read at once while loading.</summary>
    private const int ReadBatch = 16;

    private const string StateName = "study-trials";

    private readonly Dictionary<int, GrainState<StudyTrialPage>> _pages = [];
    private readonly Dictionary<int, TrialSummary> _writtenSummaries = [];
    private readonly AddedTrials _added = new();
    private List<int> _openSummaries = [];
    private int _pageSize = PageSize;
    private HashSet<int> _openOptimizerTrials = [];
    private int _writtenOptimizerTrials;

    /// <summary>
    /// Reads every stored page into <paramref name="state"/> (its trials, and the optimizer's full snapshot). Pages win
    /// over trials in the study record itself: those are a study stored before pages, or one whose first pages were
    /// written just before a crash.
    /// </summary>
    public async Task LoadAsync(StudyState state)
    {
        var header = StudySnapshot.FromJson(state.OptimizerSnapshot);
        var optimizerTrials = header.Trials.ToDictionary(t => t.Number);
        for (var index = 0; ; index += ReadBatch)
        {
            var batch = Enumerable.Range(index, ReadBatch).Select(i => (Index: i, Page: new GrainState<StudyTrialPage>())).ToArray();
            await Task.WhenAll(batch.Select(b => storage.ReadStateAsync(StateName, PageId(b.Index), b.Page)));
            var last = false;
            foreach (var (i, page) in batch)
            {
                if (!page.RecordExists || page.State is null)
                {
                    last = true;
                    break;
                }
                if (i == 0) _pageSize = page.State.PageSize > 0 ? page.State.PageSize : LegacyPageSize;
                _pages[i] = page;
                foreach (var (number, summary) in page.State.Trials)
                {
                    state.Trials[number] = summary;
                    _writtenSummaries[number] = summary;
                }
                if (page.State.Optimizer.Length == 0) continue;
                foreach (var trial in StudySnapshot.FromJson(page.State.Optimizer).Trials) optimizerTrials[trial.Number] = trial;
            }
            if (last) break;
        }
        if (_pages.Count == 0) return; // nothing stored in pages yet: the record is the whole state
        var ordered = optimizerTrials.Values.OrderBy(t => t.Number).ToList();
        state.OptimizerSnapshot = new StudySnapshot
        {
            StudyName = header.StudyName,
            Directions = header.Directions,
            UserAttributes = header.UserAttributes,
            SystemAttributes = header.SystemAttributes,
            Trials = ordered,
        }.ToJson();
        _writtenOptimizerTrials = ordered.Count;
        _openOptimizerTrials = ordered.Where(t => !IsFinished(t.State)).Select(t => t.Number).ToHashSet();
    }

    /// <summary>Stores the pages that changed since the last save; returns how many pages the study has.</summary>
    public async Task<int> SaveAsync(StudyState state, Optimization.Study optimizer)
    {
        var dirty = new SortedSet<int>();
        var added = _added.Take(state.Trials, out var all);
        var candidates = all ? added : added.Concat(_openSummaries);
        var open = new List<int>();
        foreach (var number in candidates)
        {
            if (!state.Trials.TryGetValue(number, out var summary)) continue;
            if (!_writtenSummaries.TryGetValue(number, out var written) || !ReferenceEquals(written, summary)) dirty.Add(number / _pageSize);
            if (!IsFinal(summary.Status)) open.Add(number);
        }
        foreach (var number in _openOptimizerTrials) dirty.Add(number / _pageSize);
        var optimizerTrials = optimizer.Storage.TrialCount;
        for (var number = _writtenOptimizerTrials; number < optimizerTrials; number++) dirty.Add(number / _pageSize);

        foreach (var index in dirty)
        {
            var (first, last) = (index * _pageSize, (index + 1) * _pageSize);
            var page = _pages.TryGetValue(index, out var stored) ? stored : new GrainState<StudyTrialPage>();
            var trials = new SortedDictionary<int, TrialSummary>();
            for (var number = first; number < last; number++)
            {
                if (state.Trials.TryGetValue(number, out var summary)) trials[number] = summary;
            }
            page.State = new StudyTrialPage
            {
                Trials = trials,
                Optimizer = optimizer.ToSnapshot(first, _pageSize).ToJson(),
                PageSize = _pageSize,
            };
            await storage.WriteStateAsync(StateName, PageId(index), page);
            _pages[index] = page;
            foreach (var (number, summary) in page.State.Trials) _writtenSummaries[number] = summary;
        }
        _openSummaries = open;
        _writtenOptimizerTrials = optimizerTrials;
        _openOptimizerTrials = optimizer.GetTrials(TrialState.Running, TrialState.Waiting).Select(t => t.Number).ToHashSet();
        var pages = Math.Max((_added.Next + _pageSize - 1) / _pageSize, (optimizerTrials + _pageSize - 1) / _pageSize);
        return Math.Max(pages, _pages.Count == 0 ? 0 : _pages.Keys.Max() + 1);
    }

    /// <summary>Removes every stored page of the study (a deleted study), up to the first missing one as they are read.</summary>
    public async Task ClearAsync()
    {
        for (var index = 0; ; index++)
        {
            if (!_pages.TryGetValue(index, out var page))
            {
                page = new GrainState<StudyTrialPage>();
                await storage.ReadStateAsync(StateName, PageId(index), page);
                if (!page.RecordExists) break;
            }
            await storage.ClearStateAsync(StateName, PageId(index), page);
        }
        _pages.Clear();
        _writtenSummaries.Clear();
        _openOptimizerTrials = [];
        _writtenOptimizerTrials = 0;
    }

    private static bool IsFinished(TrialState state) => state is not (TrialState.Running or TrialState.Waiting);

    private static bool IsFinal(TrialStatus status) => status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Cancelled;

    private GrainId PageId(int index) => GrainId.Create(StateName, $"{studyKey}/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
