using AIMass.Training.Inference;
using AIMass.Training.Preprocessing;
using AIMass.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Distillation;

/// <summary>
/// The teacher's view of a training batch: logits (or log-probabilities from soft labels; standardised values for
/// regression) and, for a model teacher, its embedding. A model teacher runs in eval mode without gradients on the
/// same (possibly augmented) batch the student sees.
/// </summary>
internal sealed class TeacherSignal : IDisposable
{
    private readonly LoadedModel? _model;
    private readonly Tensor? _given;

    private TeacherSignal(LoadedModel? model, Tensor? given)
    {
        _model = model;
        _given = given;
    }

    public int? EmbeddingSize => _model?.Network?.EmbeddingSize;

    /// <summary>A model teacher. A network runs on every batch; trees (no embedding, no device) are scored once on the training rows.</summary>
    public static TeacherSignal FromModel(LoadedModel model, TargetEncoding target, EncodedRows train, Device device)
    {
        if (model.Network is not null) return new TeacherSignal(model, null);
        var outputs = model.Score(train.SliceToArray(0, train.Count), train.Count);
        var width = target.Task == TaskKind.Classification ? target.Classes.Count : 1;
        if (target.Task == TaskKind.Classification)
        {
            for (var i = 0; i < outputs.Length; i++) outputs[i] = MathF.Log(Math.Max(outputs[i], 1e-8f));
        }
        using var cpu = torch.tensor(outputs, new long[] { train.Count, width });
        return new TeacherSignal(null, cpu.to(device));
    }

    /// <summary>Soft labels for the training rows, reordered to the preprocessing's class order (classification: log-probabilities).</summary>
    public static TeacherSignal FromSoftLabels(IReadOnlyList<IReadOnlyList<double>> soft, IReadOnlyList<string>? classes, TargetEncoding target, EncodedRows train, Device device)
    {
        var rows = train.Rows;
        if (target.Task == TaskKind.Classification)
        {
            if (classes is null) throw new ArgumentException("SoftLabelClasses must name the class of each soft-label column.", "SoftLabelClasses");
            var columnOf = target.Classes.Select(c =>
            {
                var i = classes.ToList().IndexOf(c);
                return i >= 0 ? i : throw new ArgumentException($"SoftLabelClasses lacks the class '{c}'.", "SoftLabelClasses");
            }).ToArray();
            var k = target.Classes.Count;
            var values = new float[rows.Count * k];
            for (var i = 0; i < rows.Count; i++)
            {
                var p = soft[rows[i]];
                if (p.Count != classes.Count) throw new ArgumentException($"SoftLabels row {rows[i] + 1} has {p.Count} values; SoftLabelClasses has {classes.Count}.", "SoftLabels");
                var sum = columnOf.Sum(c => Math.Max(0, p[c]));
                if (!(sum > 0) || p.Any(v => !double.IsFinite(v) || v < 0)) throw new ArgumentException($"SoftLabels row {rows[i] + 1} is not a probability vector.", "SoftLabels");
                for (var c = 0; c < k; c++) values[i * k + c] = (float)Math.Log(Math.Max(p[columnOf[c]] / sum, 1e-8));
            }
            using var cpu = torch.tensor(values, new long[] { rows.Count, k });
            return new TeacherSignal(null, cpu.to(device));
        }
        var standardised = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var p = soft[rows[i]];
            if (p.Count != 1 || !double.IsFinite(p[0])) throw new ArgumentException($"SoftLabels row {rows[i] + 1} must hold one finite value for regression.", "SoftLabels");
            standardised[i] = (float)((p[0] - target.Mean) / target.Scale);
        }
        using var t = torch.tensor(standardised, new long[] { rows.Count, 1 });
        return new TeacherSignal(null, t.to(device));
    }

    /// <summary>The teacher's outputs (and embedding, for a model) for a batch.</summary>
    public (Tensor Outputs, Tensor? Embedding) For(Tensor features, long[] positions)
    {
        if (_model is null)
        {
            using var index = torch.tensor(positions, device: _given!.device);
            return (_given.index_select(0, index), null);
        }
        using var _ = torch.no_grad();
        var embedding = _model.Network!.Embed(features);
        return (_model.Network.Head(embedding), embedding);
    }

    public void Dispose() => _given?.Dispose();
}
