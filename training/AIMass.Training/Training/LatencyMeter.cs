using System.Diagnostics;
using AIMass.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>
/// Measures a model's forward time per row on its device, in eval mode without gradients, at batch 1 and
/// batch 256 (after a warm-up; at least a few runs and a few milliseconds each, so that timer resolution does not
/// dominate). Figures depend on the machine and its load; they describe the serving device, not a guarantee.
/// </summary>
internal static class LatencyMeter
{
    public static (double Batch1, double Batch256) Measure(NetworkModel model, Device device)
    {
        model.eval();
        using var _ = torch.no_grad();
        return (PerRow(model, device, 1, minRuns: 20, minMs: 20, maxMs: 300), PerRow(model, device, 256, minRuns: 3, minMs: 30, maxMs: 500));
    }

    /// <summary>The same measurement for a host-side scorer of row-major features.</summary>
    public static (double Batch1, double Batch256) Measure(Func<float[], int, float[]> score, int features) =>
        (PerRow(score, features, 1, minRuns: 20, minMs: 20, maxMs: 300), PerRow(score, features, 256, minRuns: 3, minMs: 30, maxMs: 500));

    private static double PerRow(Func<float[], int, float[]> score, int features, int batch, int minRuns, double minMs, double maxMs)
    {
        var input = new float[batch * features];
        for (var i = 0; i < 3; i++) score(input, batch);
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (runs < minRuns || watch.Elapsed.TotalMilliseconds < minMs)
        {
            score(input, batch);
            runs++;
            if (watch.Elapsed.TotalMilliseconds > maxMs) break;
        }
        return watch.Elapsed.TotalMilliseconds / runs / batch;
    }

    private static double PerRow(NetworkModel model, Device device, int batch, int minRuns, double minMs, double maxMs)
    {
        using var input = torch.zeros(new long[] { batch, model.InputFeatures }, device: device);
        for (var i = 0; i < 3; i++) Forward(model, input, device);
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (runs < minRuns || watch.Elapsed.TotalMilliseconds < minMs)
        {
            Forward(model, input, device);
            runs++;
            if (watch.Elapsed.TotalMilliseconds > maxMs && runs >= 1) break;
        }
        return watch.Elapsed.TotalMilliseconds / runs / batch;
    }

    private static void Forward(NetworkModel model, Tensor input, Device device)
    {
        using var output = model.call(input);
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }
}
