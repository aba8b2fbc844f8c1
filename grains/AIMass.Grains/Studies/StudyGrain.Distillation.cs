using AIMass.Grains.Studies.Distillation;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Optimization;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.Studies;

/// <summary>
/// The distillation stage: after the search, for each constrained scenario whose best model is weak or missing,
/// a small study of students (size, temperature, loss weights) learns from the best unconstrained model; the best
/// student's architecture is then trained alone as a control, so the leaderboard shows what the teacher added.
/// </summary>
public sealed partial class StudyGrain
{
    /// <summary>Share of a time budget kept for distillation when a constrained scenario may need it.</summary>
    private const double DistillationTimeShare = 0.25;

    private readonly Dictionary<string, Optimization.Study> _students = new(StringComparer.Ordinal);

    private bool DistillationPossible => S.Spec!.Distill && S.Scenarios.Any(s => s.IsConstrained);

    /// <summary>Plans the stage; returns false when no scenario needs students.</summary>
    private bool StartDistillation()
    {
        var needing = DistillationPlanner.ScenariosNeedingStudents(S.Scenarios, S.Metric, S.Trials.Values, out var teacher);
        if (!DistillationPossible || teacher is null || needing.Count == 0 || TotalBudgetSpent() is not null) return false;
        var allowance = StudentAllowance(needing);
        if (allowance.Values.All(n => n == 0))
        {
            S.StatusReason = $"{S.StatusReason ?? "search done"}; no students distilled for {string.Join(", ", needing.Select(s => s.Name))}: "
                + $"the trial budget of {S.Spec!.Budget.MaxTrials} is used ({TrialsLeft()} left, a student and its control need 2)";
            return false;
        }
        needing = needing.Where(s => allowance[s.Name] > 0).ToList();
        var version = S.DatasetSchema;
        var inputs = DistillationPlanner.InputWidth(version, S.Spec!.Target);
        var outputs = S.Task == "regression" ? 1 : Math.Max(2, version.FirstOrDefault(c => c.Name == S.Spec.Target)?.Distinct ?? 2);
        var epochs = int.TryParse(S.Space.Fixed.GetValueOrDefault(Training.Hyperparameters.Epochs), out var e) ? e : 40;
        foreach (var scenario in needing)
        {
            var budget = DistillationPlanner.ParameterBudget(scenario, teacher.ParameterCount!.Value);
            var students = Optimization.Study.Create(new StudyOptions
            {
                StudyName = $"{Key}/distill/{scenario.Name}",
                Direction = StudyDirection.Maximize,
                Sampler = SamplerCatalog.Create("tpe", unchecked(S.Spec.Seed + scenario.Name.Length * 131)),
                Seed = S.Spec.Seed,
                TimeProvider = clock,
            });
            _students[scenario.Name] = students;
            S.Distillations[scenario.Name] = new DistillationState
            {
                Scenario = scenario.Name,
                TeacherTrial = teacher.Number,
                Space = DistillationPlanner.StudentSpace(budget, inputs, outputs, S.Spec.MaxEpochsPerTrial is { } cap ? Math.Min(cap, epochs) : epochs),
                OptimizerSnapshot = students.ToSnapshot().ToJson(),
                MaxStudents = allowance[scenario.Name] < S.Spec.DistillTrialsPerScenario ? allowance[scenario.Name] : null,
            };
            LogDistilling(Key, scenario.Name, teacher.Number, budget);
        }
        S.Phase = "distill";
        return true;
    }

    /// <summary>Asks for students, then for each scenario's control once its students are done.</summary>
    private List<TrialSummary> AskDistillationTrials()
    {
        var added = new List<TrialSummary>();
        foreach (var plan in S.Distillations.Values.OrderBy(p => p.Scenario, StringComparer.Ordinal))
        {
            while (Outstanding().Count() < S.Spec!.Parallelism)
            {
                TrialSummary? next = null;
                if (plan.Students.Count < StudentsOf(plan))
                {
                    var students = Students(plan);
                    var inner = students.Ask();
                    var values = SearchSpaceSampler.Sample(inner, plan.Space);
                    next = new TrialSummary { Number = NextTrialNumber(), Status = TrialStatus.Queued, Kind = TrialKind.Distillation, Params = values, TeacherTrial = plan.TeacherTrial, Scenario = plan.Scenario };
                    plan.Students[next.Number] = inner.Number;
                    plan.OptimizerSnapshot = students.ToSnapshot().ToJson();
                }
                else if (plan.ControlTrial is null && plan.Students.Keys.All(n => IsFinal(S.Trials[n].Status)))
                {
                    var best = plan.Students.Keys.Select(n => S.Trials[n]).Where(t => t.Status == TrialStatus.Complete && t.Value is not null).MaxBy(t => t.Value);
                    if (best is null) break;
                    next = new TrialSummary { Number = NextTrialNumber(), Status = TrialStatus.Queued, Kind = TrialKind.Control, Params = DistillationPlanner.ControlParameters(best.Params), Scenario = plan.Scenario };
                    plan.ControlTrial = next.Number;
                }
                if (next is null) break;
                S.Trials[next.Number] = next;
                added.Add(next);
            }
        }
        return added;
    }

    private bool DistillationDone() => S.Distillations.Values.All(p =>
        p.Students.Count >= StudentsOf(p) && (p.ControlTrial is not null || !p.Students.Keys.Any(n => S.Trials[n].Status == TrialStatus.Complete)));

    /// <summary>Tells a finished student to its scenario's student study.</summary>
    private void TellStudents(TrialSummary trial)
    {
        var plan = S.Distillations.Values.FirstOrDefault(p => p.Students.ContainsKey(trial.Number));
        if (plan is null) return;
        var students = Students(plan);
        var inner = plan.Students[trial.Number];
        if (students.Trials.ElementAtOrDefault(inner) is not { State: TrialState.Running }) return;
        if (trial.Status == TrialStatus.Complete && trial.Value is { } v && double.IsFinite(v)) students.Tell(inner, v);
        else students.Tell(inner, trial.Status == TrialStatus.Pruned ? TrialState.Pruned : TrialState.Fail);
        plan.OptimizerSnapshot = students.ToSnapshot().ToJson();
    }

    private Optimization.Study Students(DistillationState plan)
    {
        if (_students.TryGetValue(plan.Scenario, out var study)) return study;
        study = Optimization.Study.FromSnapshot(StudySnapshot.FromJson(plan.OptimizerSnapshot),
            SamplerCatalog.Create("tpe", unchecked(S.Spec!.Seed + plan.Scenario.Length * 131)), PrunerCatalog.Create("none"));
        _students[plan.Scenario] = study;
        return study;
    }

    private int StudentsOf(DistillationState plan) => plan.MaxStudents ?? S.Spec!.DistillTrialsPerScenario;

    private int NextTrialNumber() => S.Trials.Count == 0 ? 0 : S.Trials.Keys.Max() + 1;

    [LoggerMessage(Level = LogLevel.Information, Message = "Study {StudyKey} distils trial {Teacher} for scenario {Scenario} (students up to {Budget} parameters)")]
    private partial void LogDistilling(string studyKey, string scenario, int teacher, long budget);
}
