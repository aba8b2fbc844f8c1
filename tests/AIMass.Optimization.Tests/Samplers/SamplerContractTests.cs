using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Samplers;

/// <summary>The contract every sampler keeps, run over every sampler of the catalog plus the partial-fixed sampler.</summary>
public sealed class SamplerContractTests
{
    public static TheoryData<string> Samplers()
    {
        var data = new TheoryData<string>();
        foreach (var name in SamplerCatalog.Names) data.Add(name);
        data.Add("partial-fixed");
        return data;
    }

    private static ISampler Create(string name, int seed) => name == "partial-fixed"
        ? new PartialFixedSampler(new Dictionary<string, object?> { ["fixed"] = 0.25 }, SamplerCatalog.Create("tpe", seed))
        : SamplerCatalog.Create(name, seed);

    private static Study NewStudy(string sampler, int seed) =>
        Study.Create(new StudyOptions { StudyName = "contract", Sampler = Create(sampler, seed) });

    /// <summary>Every kind of domain; returns a value that depends on all of them.</summary>
    private static double MixedObjective(Trial t)
    {
        var x = t.SuggestFloat("x", -3, 2);
        var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        var q = t.SuggestFloat("q", 0, 1, step: 0.125);
        var n = t.SuggestInt("n", 2, 14, step: 3);
        var width = t.SuggestInt("width", 8, 512, log: true);
        var act = t.SuggestCategorical("act", new[] { "relu", "tanh", "gelu" });
        var flag = t.SuggestCategorical("flag", new[] { true, false });
        var f = t.SuggestFloat("fixed", 0, 1);
        var single = t.SuggestInt("single", 7, 7);
        Assert.Equal(7, single);
        return x * x + Math.Abs(Math.Log10(lr) + 3) + q + n * 0.1 + Math.Log2(width) * 0.01 + (act == "gelu" ? 0 : 1) + (flag ? 0 : 0.5) + f;
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void ValuesStayInTheirDomains(string sampler)
    {
        var study = NewStudy(sampler, 1);
        study.Optimize(MixedObjective, nTrials: 24);
        Assert.Equal(24, study.CompleteTrials.Count);
        foreach (var t in study.Trials)
        {
            foreach (var (name, value) in t.InternalParams) Assert.True(t.Distributions[name].Contains(value), $"{name}={value} outside {t.Distributions[name]}");
            Assert.IsType<double>(t.Params["x"]);
            Assert.IsType<int>(t.Params["n"]);
            Assert.IsType<string>(t.Params["act"]);
            Assert.IsType<bool>(t.Params["flag"]);
            Assert.Contains((int)t.Params["n"]!, new[] { 2, 5, 8, 11, 14 });
            Assert.InRange((int)t.Params["width"]!, 8, 512);
            Assert.InRange((double)t.Params["lr"]!, 1e-5, 1e-1);
            Assert.Equal(0, (double)t.Params["q"]! * 8 % 1, 9);
        }
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void ConditionalParametersWork(string sampler)
    {
        var study = NewStudy(sampler, 2);
        study.Optimize(t =>
        {
            var model = t.SuggestCategorical("model", new[] { "linear", "tree" });
            if (model == "linear") return Math.Abs(Math.Log10(t.SuggestFloat("alpha", 1e-4, 1, log: true)) + 2);
            return Math.Abs(t.SuggestInt("depth", 1, 12) - 5) + 0.1 * t.SuggestFloat("fraction", 0.1, 1);
        }, nTrials: 30);
        Assert.Equal(30, study.CompleteTrials.Count);
        foreach (var t in study.Trials)
        {
            var linear = (string)t.Params["model"]! == "linear";
            Assert.Equal(linear, t.Params.ContainsKey("alpha"));
            Assert.Equal(!linear, t.Params.ContainsKey("depth") && t.Params.ContainsKey("fraction"));
        }
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void EqualSeedsGiveEqualSuggestions(string sampler)
    {
        var a = NewStudy(sampler, 5);
        var b = NewStudy(sampler, 5);
        a.Optimize(MixedObjective, nTrials: 16);
        b.Optimize(MixedObjective, nTrials: 16);
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        var c = NewStudy(sampler, 6);
        c.Optimize(MixedObjective, nTrials: 16);
        Assert.NotEqual(Fingerprint(a), Fingerprint(c));
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void NoCrashWithZeroOrOneCompleteTrial(string sampler)
    {
        var study = NewStudy(sampler, 3);
        var failing = study.Ask();
        failing.SuggestFloat("x", -3, 2);
        study.Tell(failing, TrialState.Fail);
        var pruned = study.Ask();
        pruned.SuggestFloat("x", -3, 2);
        study.Tell(pruned, TrialState.Pruned);
        study.Optimize(MixedObjective, nTrials: 1);
        study.Optimize(MixedObjective, nTrials: 2);
        Assert.Equal(3, study.CompleteTrials.Count);
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void ARestoredStudyContinuesExactlyAsTheOriginal(string sampler)
    {
        var original = NewStudy(sampler, 9);
        original.Optimize(MixedObjective, nTrials: 14);
        var json = original.ToSnapshot().ToJson();
        var restored = Study.FromSnapshot(StudySnapshot.FromJson(json), Create(sampler, 9), original.Pruner);
        original.Optimize(MixedObjective, nTrials: 8);
        restored.Optimize(MixedObjective, nTrials: 8);
        Assert.Equal(Fingerprint(original), Fingerprint(restored));
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void ConcurrentOptimizeCompletesEveryTrial(string sampler)
    {
        var study = NewStudy(sampler, 4);
        study.Optimize(MixedObjective, nTrials: 24, parallelism: 4);
        Assert.Equal(24, study.CompleteTrials.Count);
        Assert.Equal(Enumerable.Range(0, 24), study.Trials.Select(t => t.Number));
    }

    private static string Fingerprint(Study study) =>
        string.Join("|", study.Trials.Select(t => string.Join(",", t.InternalParams.Select(p => $"{p.Key}={p.Value:R}"))));
}
