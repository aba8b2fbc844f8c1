using AIMass.Optimization;
using Orleans.Storage;

namespace AIMass.Grains.Studies.Persistence;

/// <summary>
/// Keeps a study's trials in fixed-size pages of their own records, so that a write of the study costs the same
/// after 20,000 trials as after 20: the study record holds no trial, and a write stores only the pages whose
/// trials changed since the last one (a summary replaced, an optimizer trial that was unfinished, or new trials).
/// Pages are written before the study record and read until the first missing one, so a crash between the two
/// loses no trial.
/// </summary>
public sealed class StudyTrialPages(IGrainStorage storage, string studyKey)
{
    /// <summary>Trials per page (by trial number).</summary>
    public const int PageSize = 256;

    private const string StateName = "study-trials";

    private readonly Dictionary<int, GrainState<StudyTrialPage>> _pages = [];
    private readonly Dictionary<int, TrialSummary> _writtenSummaries = [];
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
        for (var index = 0; ; index++)
        {
            var page = new GrainState<StudyTrialPage>();
            await storage.ReadStateAsync(StateName, PageId(index), page);
            if (!page.RecordExists || page.State is null) break;
            _pages[index] = page;
            foreach (var (number, summary) in page.State.Trials)
            {
                state.Trials[number] = summary;
                _writtenSummaries[number] = summary;
            }
            if (page.State.Optimizer.Length == 0) continue;
            foreach (var trial in StudySnapshot.FromJson(page.State.Optimizer).Trials) optimizerTrials[trial.Number] = trial;
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
        foreach (var (number, summary) in state.Trials)
        {
            if (!_writtenSummaries.TryGetValue(number, out var written) || !ReferenceEquals(written, summary)) dirty.Add(number / PageSize);
        }
        foreach (var number in _openOptimizerTrials) dirty.Add(number / PageSize);
        var optimizerTrials = optimizer.Storage.TrialCount;
        for (var number = _writtenOptimizerTrials; number < optimizerTrials; number++) dirty.Add(number / PageSize);

        foreach (var index in dirty)
        {
            var (first, last) = (index * PageSize, (index + 1) * PageSize);
            var page = _pages.TryGetValue(index, out var stored) ? stored : new GrainState<StudyTrialPage>();
            page.State = new StudyTrialPage
            {
                Trials = new SortedDictionary<int, TrialSummary>(state.Trials.Where(t => t.Key >= first && t.Key < last).ToDictionary()),
                Optimizer = optimizer.ToSnapshot(n => n >= first && n < last).ToJson(),
            };
            await storage.WriteStateAsync(StateName, PageId(index), page);
            _pages[index] = page;
            foreach (var (number, summary) in page.State.Trials) _writtenSummaries[number] = summary;
        }
        _writtenOptimizerTrials = optimizerTrials;
        _openOptimizerTrials = optimizer.GetTrials(TrialState.Running, TrialState.Waiting).Select(t => t.Number).ToHashSet();
        var pages = Math.Max(state.Trials.Count == 0 ? 0 : state.Trials.Keys.Max() / PageSize + 1, (optimizerTrials + PageSize - 1) / PageSize);
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

    private GrainId PageId(int index) => GrainId.Create(StateName, $"{studyKey}/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
