using AIMass.Training.Data;
using AIMass.Training.Inference;
using AIMass.Training.Preprocessing;
using AIMass.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Distillation;

/// <summary>
/// The teacher's view of a training batch: logits (or log-probabilities from soft labels; standardised values for
/// regression) and, for a model teacher, its embedding. A network teacher runs in eval mode without gradients. When the
/// student's batches are the training rows themselves (no augmentation) its outputs are computed once for all training
/// rows and looked up per batch; otherwise it runs on every (augmented) batch. With <c>views &gt; 0</c> an image
/// teacher is averaged over every shift of its input by up to <c>views</c> pixels (test-time augmentation matching a
/// teacher trained on shifted images): class probabilities at the distillation temperature are averaged (returned as
/// <c>T * log(mean p)</c>, so that dividing by T gives the averaged distribution), values and embeddings are averaged.
/// </summary>
internal sealed class TeacherSignal : IDisposable
{
    /// <summary>At most this many floats of precomputed teacher outputs and embeddings are kept on the device.</summary>
    private const long PrecomputeLimit = 16L << 20;

    private readonly LoadedModel? _model;
    private readonly Tensor? _given;
    private readonly Tensor? _givenEmbedding;
    private readonly ImageShape? _image;
    private readonly int _views;
    private readonly double _temperature;
    private readonly bool _classification;

    private TeacherSignal(LoadedModel? model, Tensor? given, Tensor? givenEmbedding = null, ImageShape? image = null, int views = 0, double temperature = 1, bool classification = true)
    {
        _model = model;
        _given = given;
        _givenEmbedding = givenEmbedding;
        _image = image;
        _views = image is null ? 0 : views;
        _temperature = temperature;
        _classification = classification;
    }

    public int? EmbeddingSize => _model?.Network?.EmbeddingSize;

    /// <summary>
    /// A model teacher. Trees (no embedding, no device) are scored once on the training rows. A network is scored once
    /// too when <paramref name="precompute"/> (the student sees the training rows unchanged) and the outputs fit,
    /// otherwise on every batch.
    /// </summary>
    public static TeacherSignal FromModel(LoadedModel model, TargetEncoding target, EncodedRows train, Device device,
        ImageShape? image = null, int views = 0, double temperature = 1, bool precompute = false)
    {
        var classification = target.Task == TaskKind.Classification;
        if (model.Network is not null)
        {
            var live = new TeacherSignal(model, null, null, image, views, temperature, classification);
            var floats = (long)train.Count * (target.Outputs + model.Network.EmbeddingSize);
            if (!precompute || floats > PrecomputeLimit) return live;
            const int chunk = 256;
            var parts = new List<Tensor>();
            var embeddings = new List<Tensor>();
            try
            {
                for (var start = 0; start < train.Count; start += chunk)
                {
                    using var features = train.Slice(start, Math.Min(chunk, train.Count - start));
                    var (o, e) = live.Run(features);
                    parts.Add(o);
                    embeddings.Add(e);
                }
                return new TeacherSignal(model, torch.cat(parts, 0), torch.cat(embeddings, 0), image, views, temperature, classification);
            }
            finally
            {
                foreach (var t in parts.Concat(embeddings)) t.Dispose();
            }
        }
        var outputs = model.Score(train.SliceToArray(0, train.Count), train.Count);
        var width = classification ? target.Classes.Count : 1;
        if (classification)
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

    /// <summary>The teacher's outputs (and embedding, for a network) for a batch whose rows are <paramref name="positions"/> of the training split.</summary>
    public (Tensor Outputs, Tensor? Embedding) For(Tensor features, long[] positions)
    {
        if (_given is null) return Run(features);
        using var index = torch.tensor(positions, device: _given.device);
        return (_given.index_select(0, index), _givenEmbedding?.index_select(0, index));
    }

    /// <summary>The network teacher on a batch, averaged over its shifted views when <see cref="_views"/> &gt; 0.</summary>
    private (Tensor Outputs, Tensor Embedding) Run(Tensor features)
    {
        var network = _model!.Network!;
        using var _ = torch.no_grad();
        if (_views <= 0)
        {
            var embedding = network.Embed(features);
            return (network.Head(embedding), embedding);
        }
        var shape = _image!;
        var n = features.shape[0];
        using var scope = torch.NewDisposeScope();
        using var images = features.reshape(n, shape.Channels, shape.Height, shape.Width);
        using var padded = nn.functional.pad(images, new long[] { _views, _views, _views, _views }, PaddingModes.Replicate);
        using var temperature = _temperature.ToScalar();
        using var tiny = 1e-12.ToScalar();
        Tensor? sumEmbedding = null, sumOutput = null;
        var count = 0;
        for (var dy = -_views; dy <= _views; dy++)
        for (var dx = -_views; dx <= _views; dx++)
        {
            var view = padded.narrow(2, _views + dy, shape.Height).narrow(3, _views + dx, shape.Width).reshape(n, shape.Size);
            var embedding = network.Embed(view);
            var output = network.Head(embedding);
            var part = _classification ? nn.functional.softmax(output.div(temperature), 1) : output;
            sumEmbedding = sumEmbedding is null ? embedding : sumEmbedding.add(embedding);
            sumOutput = sumOutput is null ? part : sumOutput.add(part);
            count++;
        }
        using var views = ((double)count).ToScalar();
        var meanEmbedding = sumEmbedding!.div(views);
        var meanOutput = sumOutput!.div(views);
        if (_classification) meanOutput = meanOutput.clamp_min(tiny).log_().mul_(temperature);
        return (meanOutput.MoveToOuterDisposeScope(), meanEmbedding.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        _given?.Dispose();
        _givenEmbedding?.Dispose();
    }
}
