using AIMass.Optimization.MetaLearning;
using static AIMass.Optimization.Tests.MetaLearning.KnowledgeFixtures;

namespace AIMass.Optimization.Tests.MetaLearning;

public sealed class WarmStartAdvisorTests
{
    private static readonly KnowledgeBase Kb = new(
    [
        Entry("small-easy", Features(150, 0.95), "se"),
        Entry("small-hard", Features(200, 0.55), "sh"),
        Entry("large-easy", Features(20_000, 0.97), "le"),
        Entry("images", Features(1_800, 0.98, isImage: 1, classes: 10), "im"),
        Entry("regression", Features(160, 0.94, classes: 0), "rg", task: "regression"),
        Entry("mine", Features(160, 0.94), "mine", owner: "tenant-1", shared: false),
    ]);

    [Fact]
    public void NeighboursComeNearestFirstAndTheNearestGivesTheFirstConfiguration()
    {
        var p = WarmStartAdvisor.Propose(Kb, Features(180, 0.93), "classification", requester: null, count: 4, neighbours: 3);

        Assert.Equal(["small-easy", "small-hard", "large-easy"], p.Neighbours.Select(n => n.TaskId));
        Assert.True(p.Neighbours.Zip(p.Neighbours.Skip(1)).All(x => x.First.Distance <= x.Second.Distance));
        Assert.Equal(1.0, p.Neighbours.Sum(n => n.Weight), 9);
        Assert.True(p.Neighbours[0].Weight > p.Neighbours[2].Weight);
        Assert.Equal("se-0", p.Configurations[0]["family"]);
        Assert.Equal("small-easy", p.SourceTaskIds[0]);
        Assert.Equal(4, p.Configurations.Count);
        Assert.Equal(4, p.Configurations.Select(KnowledgeEntry.ParameterKey).Distinct().Count());
    }

    [Fact]
    public void ImagesFindImagesBecauseModalityWeighsMost()
    {
        var p = WarmStartAdvisor.Propose(Kb, Features(150, 0.95, isImage: 1, classes: 10), "classification", null, count: 1);
        Assert.Equal("images", p.Neighbours[0].TaskId);
        Assert.Equal("im-0", p.Configurations[0]["family"]);
    }

    [Fact]
    public void OnlyTasksOfTheSameKindAreConsulted()
    {
        var classification = WarmStartAdvisor.Propose(Kb, Features(160, 0.94, classes: 0), "classification", "tenant-1", count: 50, neighbours: 10);
        Assert.DoesNotContain("regression", classification.Neighbours.Select(n => n.TaskId));
        Assert.DoesNotContain(classification.Configurations, c => c["family"].StartsWith("rg-", StringComparison.Ordinal));

        var regression = WarmStartAdvisor.Propose(Kb, Features(160, 0.94, classes: 0), "regression", "tenant-1", count: 50, neighbours: 10);
        Assert.Equal(["regression"], regression.Neighbours.Select(n => n.TaskId));
        Assert.Equal(["rg-0", "rg-1", "rg-2"], regression.Configurations.Select(c => c["family"]));
    }

    [Fact]
    public void PrivateEntriesHelpOnlyTheirOwnerWhileTheSharedPriorHelpsEverybody()
    {
        var query = Features(160, 0.94);
        var owner = WarmStartAdvisor.Propose(Kb, query, "classification", "tenant-1", count: 3);
        var other = WarmStartAdvisor.Propose(Kb, query, "classification", "tenant-2", count: 3);
        var nobody = WarmStartAdvisor.Propose(Kb, query, "classification", null, count: 3);

        Assert.Equal("mine", owner.Neighbours[0].TaskId);
        Assert.Equal("mine-0", owner.Configurations[0]["family"]);
        Assert.DoesNotContain("mine", other.Neighbours.Select(n => n.TaskId));
        Assert.DoesNotContain("mine", nobody.Neighbours.Select(n => n.TaskId));
        Assert.Contains("small-easy", other.Neighbours.Select(n => n.TaskId));
    }

    [Fact]
    public void ProposalsAreDeterministic()
    {
        var a = WarmStartAdvisor.Propose(Kb, Features(500, 0.8), "classification", null, count: 7);
        var b = WarmStartAdvisor.Propose(Kb, Features(500, 0.8), "classification", null, count: 7);

        Assert.Equal(a.Neighbours, b.Neighbours);
        Assert.Equal(a.Configurations.Select(KnowledgeEntry.ParameterKey), b.Configurations.Select(KnowledgeEntry.ParameterKey));
        Assert.Equal(a.SourceTaskIds, b.SourceTaskIds);
    }

    [Fact]
    public void RoundRobinGivesNearerNeighboursMoreTurnsAndSharedConfigurationsOnce()
    {
        var shared = Config("same", 0.01);
        var kb = new KnowledgeBase(
        [
            KnowledgeEntry.FromTrials("near", "classification", Features(100, 0.9),
                new[] { new ObservedTrial(shared, 0.9) }.Concat(Enumerable.Range(0, 9).Select(i => new ObservedTrial(Config($"n{i}", 0.01), 0.8 - 0.01 * i)))),
            KnowledgeEntry.FromTrials("far", "classification", Features(100, 0.5),
                new[] { new ObservedTrial(shared, 0.9) }.Concat(Enumerable.Range(0, 9).Select(i => new ObservedTrial(Config($"f{i}", 0.01), 0.8 - 0.01 * i)))),
        ]);

        var p = WarmStartAdvisor.Propose(kb, Features(100, 0.88), "classification", null, count: 8, neighbours: 2);

        Assert.Equal(8, p.Configurations.Count);
        Assert.Single(p.Configurations, c => c["family"] == "same");
        Assert.Equal("near", p.SourceTaskIds[0]);
        Assert.True(p.SourceTaskIds.Count(s => s == "near") > p.SourceTaskIds.Count(s => s == "far"));
        Assert.Contains("far", p.SourceTaskIds);
    }

    /// <summary>
    /// Two neighbours, each with its own specialist (best there, useless on the other), and an all-rounder from a third,
    /// farther task that the prior's cross-evaluations found second best on both.
    /// </summary>
    private static KnowledgeBase Transfers()
    {
        static IEnumerable<ObservedTrial> Trials(string prefix) =>
            Enumerable.Range(0, 5).Select(i => new ObservedTrial(Config($"{prefix}-{i}", 0.01), 0.9 - 0.1 * i));
        static CrossEvaluation Cross(string source, string family, double score) =>
            new() { SourceTaskId = source, Parameters = Config(family, 0.01), Score = score };
        var left = KnowledgeEntry.FromTrials("left", "classification", Features(100, 0.9), Trials("l"), 3) with
        {
            Evaluations = [Cross("right", "r-0", 0.5), Cross("far", "all-rounder", 0.85)],
        };
        var right = KnowledgeEntry.FromTrials("right", "classification", Features(110, 0.88), Trials("r"), 3) with
        {
            Evaluations = [Cross("left", "l-0", 0.5), Cross("far", "all-rounder", 0.85)],
        };
        var far = KnowledgeEntry.FromTrials("far", "classification", Features(5_000, 0.3),
            new[] { new ObservedTrial(Config("all-rounder", 0.01), 0.7) }.Concat(Trials("f").Skip(1)), 3);
        return new KnowledgeBase([left, right, far]);
    }

    [Fact]
    public void AConfigurationThatTransfersToEveryNeighbourComesBeforeEachNeighboursSpecialist()
    {
        var p = WarmStartAdvisor.Propose(Transfers(), Features(105, 0.89), "classification", null, count: 3, neighbours: 2);

        Assert.Equal(["left", "right"], p.Neighbours.Select(n => n.TaskId).Order());
        Assert.Equal("all-rounder", p.Configurations[0]["family"]);
        Assert.Equal("far", p.SourceTaskIds[0]);
        // Then the specialists, which lift one neighbour each from 0.85 to 0.9.
        Assert.Equal(["l-0", "r-0"], p.Configurations.Skip(1).Select(c => c["family"]).Order());
    }

    [Fact]
    public void ConfigurationsFromTasksLeftOutAreNeverProposedEvenWhenNeighboursEvaluatedThem()
    {
        var withoutFar = Transfers().Where(e => e.TaskId != "far");
        var p = WarmStartAdvisor.Propose(withoutFar, Features(105, 0.89), "classification", null, count: 6, neighbours: 2);

        Assert.DoesNotContain(p.Configurations, c => c["family"] == "all-rounder");
        Assert.DoesNotContain("far", p.SourceTaskIds);
        Assert.Equal(6, p.Configurations.Count);
    }

    [Fact]
    public void NothingToProposeGivesAnEmptyProposalAndBadArgumentsAreRefused()
    {
        Assert.Empty(WarmStartAdvisor.Propose(KnowledgeBase.Empty, Features(10, 0.5), "classification", null, 5).Configurations);
        Assert.Empty(WarmStartAdvisor.Propose(Kb, Features(10, 0.5), "classification", null, 0).Configurations);
        Assert.Throws<ArgumentException>(() => WarmStartAdvisor.Propose(Kb, Features(10, 0.5), "ranking", null, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmStartAdvisor.Propose(Kb, Features(10, 0.5), "classification", null, 5, neighbours: 0));
        var bad = Features(10, 0.5);
        bad["rows"] = double.NaN;
        Assert.Contains("'rows'", Assert.Throws<ArgumentException>(() => WarmStartAdvisor.Propose(Kb, bad, "classification", null, 5)).Message);
    }
}
