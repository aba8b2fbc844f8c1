using AIMass.Training.Metrics;
using AIMass.Training.Models;
using AIMass.Training.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>Runs a model over encoded rows in eval mode without gradients and scores it.</summary>
internal static class Evaluator
{
    private const int Chunk = 1024;

    /// <summary>Class probabilities (row-major <c>[N, K]</c>) or standardised values (<c>[N]</c>).</summary>
    public static float[] Outputs(NetworkModel model, EncodedRows rows, TaskKind task, CancellationToken ct = default)
    {
        var width = task == TaskKind.Classification ? model.Outputs : 1;
        var result = new float[(long)rows.Count * width];
        using var _ = torch.no_grad();
        for (var start = 0; start < rows.Count; start += Chunk)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var count = Math.Min(Chunk, rows.Count - start);
            var output = model.call(rows.Slice(start, count));
            if (task == TaskKind.Classification) output = nn.functional.softmax(output, 1);
            var values = output.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
            values.CopyTo(result, (long)start * width);
        }
        return result;
    }

    /// <summary>Outputs of a host-side scorer (row-major features in, probabilities or standardised values out), by chunks.</summary>
    public static float[] Outputs(Func<float[], int, float[]> score, EncodedRows rows, int width, CancellationToken ct = default)
    {
        var result = new float[(long)rows.Count * width];
        for (var start = 0; start < rows.Count; start += Chunk)
        {
            ct.ThrowIfCancellationRequested();
            var count = Math.Min(Chunk, rows.Count - start);
            score(rows.SliceToArray(start, count), count).CopyTo(result, (long)start * width);
        }
        return result;
    }

    /// <summary>All metrics of the task for outputs of <see cref="Outputs(NetworkModel, EncodedRows, TaskKind, CancellationToken)"/>.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(float[] outputs, EncodedRows rows, TargetEncoding target)
    {
        if (target.Task == TaskKind.Classification) return ClassificationMetrics.Compute(rows.LabelIds!, outputs, target.Classes.Count);
        var predicted = outputs.Select(v => target.Decode(v)).ToArray();
        return RegressionMetrics.Compute(rows.RawTargets!, predicted);
    }

    /// <summary>All metrics of the task for outputs over rows given by their truths: label ids (classification) or targets in original units.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(ReadOnlySpan<float> outputs, IReadOnlyList<long>? labels, IReadOnlyList<double>? targets, TargetEncoding target)
    {
        if (target.Task == TaskKind.Classification) return ClassificationMetrics.Compute(labels!, outputs, target.Classes.Count);
        var predicted = new double[outputs.Length];
        for (var i = 0; i < predicted.Length; i++) predicted[i] = target.Decode(outputs[i]);
        return RegressionMetrics.Compute(targets!, predicted);
    }

    /// <summary>The selection metric of the model on the rows.</summary>
    public static double Score(NetworkModel model, EncodedRows rows, TargetEncoding target, CancellationToken ct = default)
    {
        var metrics = Metrics(Outputs(model, rows, target.Task, ct), rows, target);
        return metrics.TryGetValue(MetricNames.SelectionMetric(target.Task), out var v) ? v : double.NaN;
    }
}
