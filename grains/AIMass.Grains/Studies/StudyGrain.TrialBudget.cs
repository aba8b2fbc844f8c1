using AIMass.Grains.Studies.Distillation;

namespace AIMass.Grains.Studies;

/// <summary>
/// The trial budget (<see cref="StudyBudget.MaxTrials"/>) covers every trial of a study: the search stops early to keep
/// room for the ensemble and the distilled students with their controls (what they need, at most half the budget),
/// and the students are capped by what remains once the search is over.
/// </summary>
public sealed partial class StudyGrain
{
    /// <summary>Computed once per finished trial (it ranks the trials), not on every epoch report.</summary>
    private int? _trialsKeptAfterSearch;

    /// <summary>How many search trials the trial budget allows (all of it when no limit or nothing is kept back).</summary>
    private int? SearchTrialLimit() => S.Spec!.Budget.MaxTrials is { } max ? max - TrialsKeptAfterSearch(max) : null;

    /// <summary>
    /// Trials of <paramref name="max"/> kept for the stages after the search: one for the ensemble (when at least two
    /// search trials remain), a student study and
    /// a control for each scenario that (as far as the trials so far tell; all constrained ones before a teacher is
    /// known) will need students; at most half the budget, and none for distillation when less than a student and its
    /// control would remain for it.
    /// </summary>
    private int TrialsKeptAfterSearch(int max) => _trialsKeptAfterSearch ??= CountTrialsKeptAfterSearch(max);

    private int CountTrialsKeptAfterSearch(int max)
    {
        var half = max / 2;
        // The ensemble needs two searched models to choose from: with fewer search trials there is no ensemble to keep room for.
        var ensemble = EnsemblePlanned && max - 1 >= 2 ? 1 : 0;
        var scenarios = !DistillationPossible ? 0
            : DistillationPlanner.ScenariosNeedingStudents(S.Scenarios, S.Metric, S.Trials.Values, out var teacher) is var needing && teacher is not null
                ? needing.Count
                : S.Scenarios.Count(s => s.IsConstrained);
        var kept = Math.Min(half, ensemble + scenarios * (S.Spec!.DistillTrialsPerScenario + 1));
        return kept - ensemble >= 2 ? kept : Math.Min(half, ensemble);
    }

    /// <summary>Trials the budget still allows (search and later stages together), or null with no trial limit.</summary>
    private int? TrialsLeft() => S.Spec!.Budget.MaxTrials is { } max ? Math.Max(0, max - S.Trials.Count) : null;

    /// <summary>
    /// Students each scenario may have within the trials left, in scenario order: every scenario keeps room for its
    /// control, the room left is shared evenly (up to <see cref="StudySpec.DistillTrialsPerScenario"/> each), and
    /// scenarios that do not get one student and a control get none.
    /// </summary>
    private Dictionary<string, int> StudentAllowance(IReadOnlyList<ScenarioSpec> needing)
    {
        var perScenario = S.Spec!.DistillTrialsPerScenario;
        var allowance = needing.ToDictionary(s => s.Name, _ => perScenario, StringComparer.Ordinal);
        if (TrialsLeft() is not { } left || left >= needing.Count * (perScenario + 1)) return allowance;
        var served = Math.Min(needing.Count, left / 2);
        var students = served == 0 ? 0 : left - served;
        for (var i = 0; i < needing.Count; i++)
        {
            allowance[needing[i].Name] = i < served ? Math.Min(perScenario, students / served + (i < students % served ? 1 : 0)) : 0;
        }
        return allowance;
    }

    /// <summary>Why the search stopped at its trial limit, naming what was kept back for the later stages.</summary>
    private string SearchTrialsRun(int max, int limit) => limit == max
        ? $"{max} trials run"
        : $"{limit} search trials run, {max - limit} of the {max} trials kept for the ensemble and distillation";
}
