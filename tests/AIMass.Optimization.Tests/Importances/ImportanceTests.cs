using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Importances;

public sealed class ImportanceTests
{
    [Fact]
    public void TheParameterThatDrivesTheObjectiveDominates()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(2) });
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", -1, 1);
            var y = t.SuggestFloat("y", -1, 1);
            var c = t.SuggestCategorical("c", new[] { "a", "b" });
            return 10 * x * x + 0.1 * y + (c == "a" ? 1 : 0);
        }, nTrials: 80);
        var shares = Importance.Evaluate(study, trees: 16);
        Assert.Equal(1.0, shares.Values.Sum(), 9);
        Assert.Equal("x", shares.Keys.First());
        Assert.True(shares["x"] > 0.6, $"x share {shares["x"]}");
        Assert.True(shares["c"] > shares["y"], $"c {shares["c"]} vs y {shares["y"]}");
    }

    [Fact]
    public void EdgeCasesAreDefined()
    {
        var empty = Study.Create(new StudyOptions { Seed = 1 });
        Assert.Throws<InvalidOperationException>(() => Importance.Evaluate(empty));
        var flat = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        flat.Optimize(t => t.SuggestFloat("a", 0, 1) * 0 + t.SuggestFloat("b", 0, 1) * 0, nTrials: 10);
        var shares = Importance.Evaluate(flat, trees: 4);
        Assert.Equal(0.5, shares["a"], 12);
        Assert.Equal(0.5, shares["b"], 12);
        var multi = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Seed = 1 });
        Assert.Throws<ArgumentException>(() => Importance.Evaluate(multi));
    }
}
