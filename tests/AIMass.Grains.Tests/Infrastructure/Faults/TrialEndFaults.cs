using System.Collections.Concurrent;
using AIMass.Grains.Studies;

namespace AIMass.Grains.Tests.Infrastructure.Faults;

/// <summary>
/// A grain call filter a test cluster's silo runs: for a study armed with a fault, the first
/// <see cref="IStudyGrain.TrialFinishedAsync"/> call it receives fails or is lost as that fault says; later calls pass.
/// </summary>
public sealed class TrialEndFaults : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, TrialEndFault> _armed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _applied = new(StringComparer.Ordinal);

    /// <summary>Arms <paramref name="fault"/> for the next trial end the study <paramref name="studyKey"/> hears of.</summary>
    public void Arm(string studyKey, TrialEndFault fault) => _armed[studyKey] = fault;

    /// <summary>How many faults hit the study's trial-end reports so far.</summary>
    public int Applied(string studyKey) => _applied.GetValueOrDefault(studyKey);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType != typeof(IStudyGrain) || context.InterfaceMethod.Name != nameof(IStudyGrain.TrialFinishedAsync)
            || !_armed.TryRemove(context.TargetId.Key.ToString()!, out var fault))
        {
            await context.Invoke();
            return;
        }
        var key = context.TargetId.Key.ToString()!;
        _applied.AddOrUpdate(key, 1, (_, n) => n + 1);
        switch (fault)
        {
            case TrialEndFault.Throw:
                throw new InvalidOperationException($"Injected fault: the report of a trial's end to study {key} failed.");
            case TrialEndFault.Drop:
                return;
            default:
                await context.Invoke();
                throw new InvalidOperationException($"Injected fault: study {key} recorded a trial's end but its answer was lost.");
        }
    }
}
