using AIMass.Optimization.MetaLearning;
using static AIMass.Optimization.Tests.MetaLearning.KnowledgeFixtures;

namespace AIMass.Optimization.Tests.MetaLearning;

public sealed class KnowledgeBaseTests
{
    [Fact]
    public void FromTrialsKeepsTheBestDistinctConfigurationsWithNormalisedScores()
    {
        var trials = new[]
        {
            new ObservedTrial(Config("mlp", 0.01), 0.80, [0.5, 0.8]),
            new ObservedTrial(Config("resnet", 0.003), 0.95, [0.7, 0.95]),
            new ObservedTrial(Config("mlp", 0.01), 0.85),            // same configuration again, better: it counts once, at 0.85
            new ObservedTrial(Config("mlp", 0.1), double.NaN),        // failed: left out
            new ObservedTrial(Config("mlp", 0.0003), 0.55, [0.55]),
        };
        var entry = KnowledgeEntry.FromTrials("t1", "classification", Features(150, 0.9), trials, top: 2, metric: "accuracy");

        Assert.Equal(4, entry.TrialCount);
        Assert.Equal(0.95, entry.BestScore);
        Assert.Equal(0.55, entry.WorstScore);
        Assert.Equal((0.80 + 0.85) / 2, entry.MedianScore, 12);
        Assert.Equal(2, entry.Top.Count);
        Assert.Equal("resnet", entry.Top[0].Parameters["family"]);
        Assert.Equal(1.0, entry.Top[0].NormalizedScore, 12);
        Assert.Equal("mlp", entry.Top[1].Parameters["family"]);
        Assert.Equal(0.85, entry.Top[1].Score);
        Assert.Equal((0.85 - 0.55) / (0.95 - 0.55), entry.Top[1].NormalizedScore, 12);
        Assert.Equal([0.7, 0.95], entry.Curves[0]);
        Assert.Empty(entry.Curves[1]);
    }

    [Fact]
    public void JsonRoundTripKeepsEveryField()
    {
        var kb = new KnowledgeBase(
        [
            Entry("iris", Features(150, 0.95), "a", dataSet: "iris"),
            Entry("private", Features(900, 0.5, isImage: 1), "b", owner: "tenant-1", shared: false),
            Entry("diabetes", Features(442, 0.4, classes: 0), "c", task: "regression"),
        ], source: "test");

        var json = kb.ToJson();
        var back = KnowledgeBase.FromJson(json);

        Assert.Equal("test", back.Source);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(3, back.Count);
        var p = back.Entries[1];
        Assert.Equal("tenant-1", p.Owner);
        Assert.False(p.Shared);
        Assert.Equal(kb.Entries[1].MetaFeatures, p.MetaFeatures);
        Assert.Equal(kb.Entries[1].Top.Select(t => t.Parameters["family"]), p.Top.Select(t => t.Parameters["family"]));
        Assert.Equal(kb.Entries[1].Curves.Select(c => c.ToArray()), p.Curves.Select(c => c.ToArray()));
        Assert.Equal("regression", back.Entries[2].Task);
        Assert.Equal("iris", back.Entries[0].DataSet);
    }

    [Fact]
    public void CrossEvaluationsRoundTripAndOlderFilesWithoutThemStillLoad()
    {
        var iris = Entry("iris", Features(150, 0.95), "a") with
        {
            Evaluations = [new CrossEvaluation { SourceTaskId = "wine", Parameters = Config("b-0", 0.01), Score = 0.91 }],
        };
        var json = new KnowledgeBase([iris]).ToJson();
        var back = KnowledgeBase.FromJson(json).Entries[0].Evaluations.Single();
        Assert.Equal("wine", back.SourceTaskId);
        Assert.Equal(0.91, back.Score);
        Assert.Equal("b-0", back.Parameters["family"]);

        var older = new KnowledgeBase([Entry("iris", Features(150, 0.95), "a")]).ToJson().Replace("\"evaluations\": [],", "");
        Assert.DoesNotContain("evaluations", older);
        Assert.Empty(KnowledgeBase.FromJson(older).Entries[0].Evaluations);

        var nan = Assert.Throws<ArgumentException>(() => new KnowledgeBase([iris with { Evaluations = [iris.Evaluations[0] with { Score = double.NaN }] }]));
        Assert.Contains("evaluations[0].score", nan.Message);
        var anonymous = Assert.Throws<ArgumentException>(() => new KnowledgeBase([iris with { Evaluations = [iris.Evaluations[0] with { SourceTaskId = " " }] }]));
        Assert.Contains("source task id", anonymous.Message);
    }

    [Fact]
    public void SaveAndLoadGoThroughAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kb-{Guid.NewGuid():N}", "prior.json");
        try
        {
            var kb = new KnowledgeBase([Entry("iris", Features(150, 0.95), "a")]);
            kb.Save(path);
            var loaded = KnowledgeBase.Load(path);
            Assert.Equal(kb.ToJson(), loaded.ToJson());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void InvalidDocumentsAreRefusedNamingTheProblem()
    {
        var good = new KnowledgeBase([Entry("iris", Features(150, 0.95), "a")]).ToJson();

        Assert.Contains("cannot be read", Assert.Throws<InvalidDataException>(() => KnowledgeBase.FromJson("{ not json")).Message);
        Assert.Contains("format version 7", Assert.Throws<InvalidDataException>(() => KnowledgeBase.FromJson(good.Replace("\"format\": 1", "\"format\": 7"))).Message);
        var badTask = Assert.Throws<InvalidDataException>(() => KnowledgeBase.FromJson(good.Replace("\"classification\"", "\"ranking\"")));
        Assert.Contains("'iris'", badTask.Message);
        Assert.Contains("ranking", badTask.Message);
        var badScore = Assert.Throws<InvalidDataException>(() => KnowledgeBase.FromJson(good.Replace("\"normalizedScore\": 1", "\"normalizedScore\": 3")));
        Assert.Contains("normalizedScore", badScore.Message);
    }

    [Fact]
    public void DuplicateTaskIdsOfOneOwnerAreRefusedAndWithReplacesInPlace()
    {
        var a = Entry("iris", Features(150, 0.95), "a");
        Assert.Contains("'iris'", Assert.Throws<ArgumentException>(() => new KnowledgeBase([a, a])).Message);
        var other = Entry("iris", Features(150, 0.95), "x", owner: "tenant-1"); // same id, another owner: allowed
        var kb = new KnowledgeBase([a, other]);

        var replaced = kb.With(Entry("iris", Features(150, 0.95), "b"));

        Assert.Equal(2, replaced.Count);
        Assert.Equal("b-0", replaced.Entries[0].Top[0].Parameters["family"]);
        Assert.Equal("a-0", kb.Entries[0].Top[0].Parameters["family"]);
        Assert.Equal(3, replaced.With(Entry("new", Features(10, 0.1), "c")).Count);
    }

    [Fact]
    public void FromTrialsRefusesTasksWithoutAFinishedTrial()
    {
        var e = Assert.Throws<ArgumentException>(() => KnowledgeEntry.FromTrials("t", "classification", Features(10, 0.5),
            [new ObservedTrial(Config("mlp", 0.1), double.NaN)]));
        Assert.Contains("'t'", e.Message);
        Assert.Throws<ArgumentException>(() => KnowledgeEntry.FromTrials("t", "clustering", Features(10, 0.5), [new ObservedTrial(Config("mlp", 0.1), 1)]));
    }
}
