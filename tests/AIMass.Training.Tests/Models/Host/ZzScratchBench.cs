using System.Diagnostics;
using AIMass.Training.Models.Host;
using AIMass.Training.Models.LinearModels;
using Xunit.Abstractions;
using static AIMass.Training.Tests.Models.Host.HostSamples;

namespace AIMass.Training.Tests.Models.Host;

public sealed class ZzScratchBench(ITestOutputHelper output)
{
    private static (HostFitData Train, HostFitData Test) Digits()
    {
        var lines = File.ReadAllLines(AIMass.Training.Tests.Support.Samples.PathOf("digits.csv")).Skip(1).Select(l => l.Split(',').Select(float.Parse).ToArray()).ToArray();
        var rng = new Random(0);
        lines = lines.OrderBy(_ => rng.Next()).ToArray();
        var x = lines.Select(l => l[..64]).ToArray();
        var mean = Enumerable.Range(0, 64).Select(f => x.Average(r => r[f])).ToArray();
        var sd = Enumerable.Range(0, 64).Select(f => Math.Sqrt(x.Average(r => (r[f] - mean[f]) * (r[f] - mean[f])))).ToArray();
        var flat = x.Select(r => r.Select((v, f) => sd[f] > 0 ? (float)((v - mean[f]) / sd[f]) : 0f).ToArray()).ToArray();
        HostFitData Make(int from, int to) => new(flat[from..to].SelectMany(r => r).ToArray(), to - from, 64, lines[from..to].Select(l => (long)l[64]).ToArray(), null, TaskKind.Classification, 10, 1, 1);
        return (Make(0, 1437), Make(1437, lines.Length));
    }

    private void Time(string what, Func<string> run)
    {
        var watch = Stopwatch.StartNew();
        var info = run();
        output.WriteLine($"{what}: {watch.Elapsed.TotalSeconds:F2}s {info}");
    }

    [Fact]
    public void Bench()
    {
        var (dtrain, dtest) = Digits();
        foreach (var family in new[] { "linear", "rf", "et", "knn" })
        {
            foreach (var threads in new[] { 1, 2 })
            {
                IHostModel? model = null;
                Time($"digits {family} fit t={threads}", () => { model = HostModels.Fit(family, dtrain with { Threads = threads }, Hp()); return $"params {model.ParameterCount} {(model is LinearModel l ? "iters " + l.Iterations : "")}"; });
                Time($"digits {family} score", () => $"acc {Accuracy(model!.Score(dtest.Features, dtest.Rows), dtest):F4}");
            }
        }
    }

    [Fact]
    public void Forests()
    {
        var big = SumRule(8000, 150, seed: 1);
        var bigTest = SumRule(2000, 150, seed: 2);
        var bigReg = Wave(8000, 150, seed: 1);
        var bigRegTest = Wave(2000, 150, seed: 2);
        foreach (var family in new[] { "rf", "et" })
        {
            foreach (var threads in new[] { 1, 2 })
            {
                IHostModel? model = null;
                Time($"8000x150 {family} class fit t={threads}", () => { model = HostModels.Fit(family, big with { Threads = threads }, Hp()); return $"params {model.ParameterCount}"; });
                Time($"8000x150 {family} class score 2000", () => $"acc {Accuracy(model!.Score(bigTest.Features, bigTest.Rows), bigTest):F4}");
            }
            IHostModel? reg = null;
            Time($"8000x150 {family} reg fit t=2 (max_features default 1.0)", () => { reg = HostModels.Fit(family, bigReg with { Threads = 2 }, Hp()); return $"params {reg.ParameterCount}"; });
            Time($"8000x150 {family} reg score 2000", () => $"r2 {R2(reg!.Score(bigRegTest.Features, bigRegTest.Rows), bigRegTest):F4}");
            Time($"8000x150 {family} reg fit t=2 max_features 0.33", () => { reg = HostModels.Fit(family, bigReg with { Threads = 2 }, Hp(("max_features", 0.33))); return $"params {reg.ParameterCount}"; });
            Time($"8000x150 {family} reg score 2000", () => $"r2 {R2(reg!.Score(bigRegTest.Features, bigRegTest.Rows), bigRegTest):F4}");
        }
    }

    [Fact]
    public void LinearKnn()
    {
        var big = SumRule(8000, 150, seed: 1);
        var bigTest = SumRule(2000, 150, seed: 2);
        var bigReg = Wave(8000, 150, seed: 1);
        var bigRegTest = Wave(2000, 150, seed: 2);
        var blobs = Blobs(8000, 150, seed: 3, classes: 10);
        foreach (var threads in new[] { 1, 2 })
        {
            IHostModel? model = null;
            Time($"8000x150 logistic 10 classes fit t={threads}", () => { model = HostModels.Fit("linear", blobs with { Threads = threads }, Hp()); return $"iters {((LinearModel)model).Iterations}"; });
        }
        Time("8000x150 logistic sum-rule binary fit", () => { var m = (LinearModel)HostModels.Fit("linear", big, Hp()); return $"iters {m.Iterations} acc {Accuracy(m.Score(bigTest.Features, bigTest.Rows), bigTest):F4}"; });
        Time("8000x150 ridge fit", () => { var m = HostModels.Fit("linear", bigReg, Hp()); return $"r2 {R2(m.Score(bigRegTest.Features, bigRegTest.Rows), bigRegTest):F4}"; });
        var argmax = Classification(8000, 150, 5, 1, x => Enumerable.Range(0, 10).MaxBy(i => x[i]), 10);
        foreach (var alpha in new[] { 1.0, 1e-2, 1e-6 })
        {
            Time($"8000x150 logistic argmax-10 alpha {alpha} t=2", () => { var m = (LinearModel)HostModels.Fit("linear", argmax with { Threads = 2 }, Hp(("alpha", alpha))); return $"iters {m.Iterations}"; });
        }
        IHostModel? knn = null;
        Time("8000x150 knn fit", () => { knn = HostModels.Fit("knn", big, Hp()); return ""; });
        Time("knn score 2000 vs 8000", () => $"acc {Accuracy(knn!.Score(bigTest.Features, bigTest.Rows), bigTest):F4}");
    }
}

public sealed class ZzScratchProfile(ITestOutputHelper output)
{
    [Fact]
    public void RfRegression()
    {
        var family = Environment.GetEnvironmentVariable("PROFILE_FAMILY") ?? "rf";
        var task = Environment.GetEnvironmentVariable("PROFILE_TASK") ?? "reg";
        var data = task == "reg" ? HostSamples.Wave(8000, 150, seed: 1) : HostSamples.SumRule(8000, 150, seed: 1);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = (AIMass.Training.Models.Forest.ForestModel)HostModels.Fit(family, data, HostSamples.Hp(("trees", 40)));
        output.WriteLine($"{family} {task} 40 trees: wall {watch.Elapsed.TotalSeconds:F2}s cpu {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2}s nodes {model.Nodes}");
    }
}

public sealed class ZzScratchLbfgs(ITestOutputHelper output)
{
    [Fact]
    public void Converges()
    {
        foreach (var (rows, alpha) in new[] { (8000, 1e-6), (8000, 1e-2), (2000, 1e-6), (300, 1e-6) })
        {
            var data = HostSamples.Classification(rows, 150, 5, 1, x => Enumerable.Range(0, 10).MaxBy(i => x[i]), 10);
            var x = data.Features.Select(v => (double)v).ToArray();
            var labels = data.Labels!.Select(l => (int)l).ToArray();
            var fit = AIMass.Training.Models.LinearModels.LogisticSolver.Fit(x, labels, rows, 150, 10, alpha, 2);
            output.WriteLine($"rows {rows} alpha {alpha}: iters {fit.Iterations} gmax {fit.GradientMax:E2} wmax {fit.Weights.Max(Math.Abs):F2}");
        }
    }
}
