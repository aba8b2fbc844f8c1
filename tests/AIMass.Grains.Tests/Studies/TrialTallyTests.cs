using AIMass.Grains.Studies;

namespace AIMass.Grains.Tests.Studies;

/// <summary>
/// The study's tally of unfinished and search trials answers what a scan over every trial answers, through the
/// changes a study makes: trials added in order, with gaps, below the highest number, finished, and its whole set of
/// trials replaced (with fewer, or as many).
/// </summary>
public sealed class TrialTallyTests
{
    [Fact]
    public void It_answers_what_a_scan_answers_through_every_kind_of_change()
    {
        var trials = new SortedDictionary<int, TrialSummary>();
        var tally = new TrialTally();
        var random = new Random(11);
        for (var step = 0; step < 3000; step++)
        {
            var roll = random.Next(100);
            var next = trials.Count == 0 ? 0 : trials.Keys.Last() + 1;
            if (roll < 40) trials[next] = Trial(next, TrialStatus.Queued, random);
            else if (roll < 45)
            {
                var beyond = next + random.Next(1, 200); // a gap, maybe past what it probes
                trials[beyond] = Trial(beyond, TrialStatus.Failed, random);
            }
            else if (roll < 47 && trials.Count > 0)
            {
                // Another set (a state read again, or reset): one trial fewer, or one fewer and one more.
                trials = new SortedDictionary<int, TrialSummary>(trials);
                trials.Remove(trials.Keys.ElementAt(random.Next(trials.Count)));
                if (roll == 46) trials[next] = Trial(next, TrialStatus.Queued, random);
            }
            else if (roll < 49)
            {
                var hole = Enumerable.Range(0, next).FirstOrDefault(n => !trials.ContainsKey(n), -1);
                if (hole >= 0) trials[hole] = Trial(hole, TrialStatus.Queued, random); // filled in below the highest
            }
            else
            {
                var open = trials.Values.Where(t => !IsFinal(t.Status)).ToList();
                if (open.Count == 0) continue;
                var pick = open[random.Next(open.Count)];
                trials[pick.Number] = pick with { Status = pick.Status == TrialStatus.Queued && random.Next(2) == 0 ? TrialStatus.Running : TrialStatus.Complete };
            }
            if (random.Next(3) > 0) continue; // it is asked only now and then, as a study does

            Assert.Equal(trials.Values.Where(t => !IsFinal(t.Status)).Select(t => (t.Number, t.Status)), tally.Outstanding(trials).Select(t => (t.Number, t.Status)));
            Assert.Equal(trials.Values.Count(t => t.Kind is TrialKind.Search or TrialKind.WarmStart), tally.SearchTrials(trials));
        }
    }

    private static TrialSummary Trial(int number, TrialStatus status, Random random) => new()
    {
        Number = number, Status = status, Kind = random.Next(4) == 0 ? TrialKind.Distillation : TrialKind.Search,
    };

    private static bool IsFinal(TrialStatus status) => status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Cancelled;
}
