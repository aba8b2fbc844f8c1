using System.Diagnostics;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Training;
using TorchSharp;

namespace AIMass.Bench.Suites.Train;

/// <summary>
/// <c>train</c>: training throughput of the engine on the reference model (MLP 64-128-128-10, batch 128, Adam,
/// one thread, synthetic data), the same process's float32 GEMM rate (so throughput reads as a share of the
/// machine's limit), and the memory check: working set over 10,000 training steps against its value at step 1,000.
/// Goal: at least PyTorch 1.13's throughput measured on this machine (206-220k samples/s).
/// </summary>
public sealed class TrainSuite : IBenchSuite
{
    /// <summary>PyTorch 1.13 + OpenBLAS on this machine for the same model (the reference, midpoint of 206-220k).</summary>
    public const double PyTorchReferenceSamplesPerSecond = 213_000;

    public string Name => "train";
    public string Description => "MLP 64-128-128-10 training samples/s (1 thread), GEMM GFLOP/s, memory over 10k steps";

    public Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        torch.set_num_threads(1);
        var steps = context.IntOption("steps", 10_000);
        var stepsPerEpoch = 100;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        var (gemm, gemmCpu) = GemmGflops(512, ct);
        context.Log.WriteLine($"gemm 512x512 float32, 1 thread: {gemm:F1} GFLOP/s ({gemmCpu:F1} per CPU-second); load average {load}");

        // Train rows = 100 batches of 128; 1% validation rows (scored after every epoch), no test rows.
        var trainRows = stepsPerEpoch * 128;
        var table = SyntheticData.Classification((int)Math.Ceiling(trainRows / 0.99) + 10, 64, 10, seed: 11);
        var epochs = Math.Max(12, steps / stepsPerEpoch);
        var marks = new List<(int Epoch, double Seconds, double CpuSeconds, long WorkingSet)>();
        var process = Process.GetCurrentProcess();
        var watch = new Stopwatch();
        var outcome = TrainingPipeline.Run(new TrainingRequest
        {
            Data = table,
            Target = "label",
            Seed = 1,
            SplitSeed = 1,
            ValidationFraction = 0.01,
            TestFraction = 0,
            Device = "cpu",
            Threads = 1,
            Hyperparameters = new Dictionary<string, object?>
            {
                [Hyperparameters.Family] = "mlp", [Hyperparameters.Layers] = 2, [Hyperparameters.Width] = 128,
                [Hyperparameters.Dropout] = 0.0, [Hyperparameters.Optimizer] = "adam", [Hyperparameters.LearningRate] = 1e-3,
                [Hyperparameters.WeightDecay] = 0.0, [Hyperparameters.BatchSize] = 128, [Hyperparameters.Epochs] = epochs,
                [Hyperparameters.Schedule] = "constant", [Hyperparameters.GradClip] = 0.0, [Hyperparameters.Patience] = 0,
                [Hyperparameters.ClassWeight] = "none",
            },
        }, report =>
        {
            if (report.Epoch == 1) watch.Start();
            process.Refresh();
            marks.Add((report.Epoch, watch.Elapsed.TotalSeconds, process.TotalProcessorTime.TotalSeconds, Environment.WorkingSet));
            if (report.Epoch % 10 == 0) context.Log.WriteLine($"epoch {report.Epoch,4}: loss {report.TrainLoss:F4}, accuracy {report.ValidationScore:F3}, working set {Environment.WorkingSet / 1048576.0:F0} MiB");
            return EpochDecision.Continue;
        }, ct);

        var rowsPerEpoch = outcome.Artifact.Metadata.TrainRows;
        var actualStepsPerEpoch = (rowsPerEpoch + 127) / 128;
        var timed = marks[^1].Seconds - marks[0].Seconds;
        var samplesPerSecond = rowsPerEpoch * (marks.Count - 1) / timed;
        var samplesPerCpuSecond = rowsPerEpoch * (marks.Count - 1) / (marks[^1].CpuSeconds - marks[0].CpuSeconds);
        var stepOf = (int Epoch) => Epoch * actualStepsPerEpoch;
        var at1000 = marks.First(m => stepOf(m.Epoch) >= 1000);
        var peakAfter = marks.Where(m => m.Epoch >= at1000.Epoch).Max(m => m.WorkingSet);
        var ratio = peakAfter / (double)at1000.WorkingSet;
        var flopsPerSample = 2.0 * 3 * (64 * 128 + 128 * 128 + 128 * 10); // forward + backward ~ 3x forward
        var result = new JsonObject
        {
            ["model"] = "mlp 64-128-128-10, batch 128, adam, 1 thread",
            ["samples_per_s"] = Math.Round(samplesPerSecond),
            ["samples_per_cpu_s"] = Math.Round(samplesPerCpuSecond),
            ["gemm_gflops"] = Math.Round(gemm, 1),
            ["gemm_gflops_per_cpu_s"] = Math.Round(gemmCpu, 1),
            ["load_average_at_start"] = load,
            ["model_gflops"] = Math.Round(samplesPerSecond * flopsPerSample / 1e9, 2),
            ["fraction_of_gemm_rate"] = Math.Round(samplesPerSecond * flopsPerSample / 1e9 / gemm, 3),
            ["pytorch_reference_samples_per_s"] = PyTorchReferenceSamplesPerSecond,
            ["vs_pytorch"] = Math.Round(samplesPerSecond / PyTorchReferenceSamplesPerSecond, 3),
            ["goal_met"] = samplesPerSecond >= PyTorchReferenceSamplesPerSecond,
            ["final_accuracy"] = Math.Round(outcome.ValidationScore, 4),
            ["memory"] = new JsonObject
            {
                ["steps"] = stepOf(marks[^1].Epoch),
                ["working_set_mib_at_step_1000"] = Math.Round(at1000.WorkingSet / 1048576.0, 1),
                ["peak_working_set_mib_after"] = Math.Round(peakAfter / 1048576.0, 1),
                ["peak_over_step_1000"] = Math.Round(ratio, 3),
                ["goal_met"] = ratio <= 1.10,
            },
        };
        return Task.FromResult(result);
    }

    /// <summary>Float32 <c>n x n</c> GEMM rate, by wall clock and by process CPU time (the latter is what a busy shared machine leaves comparable).</summary>
    private static (double Wall, double Cpu) GemmGflops(int n, CancellationToken ct)
    {
        var process = Process.GetCurrentProcess();
        using var a = torch.randn(n, n);
        using var b = torch.randn(n, n);
        for (var i = 0; i < 5; i++) torch.mm(a, b).Dispose();
        var runs = 0;
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 1.0)
        {
            ct.ThrowIfCancellationRequested();
            torch.mm(a, b).Dispose();
            runs++;
        }
        var flops = 2.0 * n * n * n * runs;
        process.Refresh();
        return (flops / watch.Elapsed.TotalSeconds / 1e9, flops / (process.TotalProcessorTime - cpu).TotalSeconds / 1e9);
    }
}
