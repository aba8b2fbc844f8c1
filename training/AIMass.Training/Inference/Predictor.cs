using AIMass.Training.Artifacts;
using AIMass.Training.Data;
using AIMass.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Inference;

/// <summary>
/// Predicts with a model artifact from raw rows: the artifact's preprocessing encodes the rows, the network runs in
/// eval mode without gradients, and outputs come back as original labels with class probabilities, or values in
/// original units. Rows must have every input column (<see cref="InputColumns"/>); other columns (the target, say)
/// are ignored. A loaded artifact predicts exactly what the trained model predicted. Safe for concurrent
/// <see cref="Predict(CsvTable)"/> calls (encoding runs in parallel, the forward passes one at a time).
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly LoadedModel _model;
    private readonly object _gate = new();

    private Predictor(LoadedModel model) => _model = model;

    /// <summary>The artifact's metadata.</summary>
    public ArtifactMetadata Metadata => _model.Artifact.Metadata;

    /// <summary>The columns each row must have.</summary>
    public IReadOnlyList<string> InputColumns => _model.Artifact.Preprocessing.InputColumns;

    /// <summary>The task.</summary>
    public TaskKind Task => Metadata.Task;

    /// <summary>Class labels in output order (classification).</summary>
    public IReadOnlyList<string> Classes => _model.Artifact.Preprocessing.Target.Classes;

    /// <summary>Loads an artifact zip for prediction on <paramref name="device"/> (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, <c>auto</c>).</summary>
    public static Predictor Load(Stream artifactZip, string device = "cpu") => FromArtifact(ModelArtifact.Load(artifactZip), device);

    /// <summary>Loads an artifact already in memory.</summary>
    public static Predictor FromArtifact(ModelArtifact artifact, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return new Predictor(new LoadedModel(artifact, DeviceSelector.Resolve(device)));
    }

    /// <summary>Predicts every row of a table.</summary>
    public PredictionResult Predict(CsvTable rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var preprocessing = _model.Artifact.Preprocessing;
        var features = preprocessing.Transform(rows);
        var outputs = Forward(features, rows.RowCount, preprocessing.FeatureCount);
        return Decode(outputs, rows.RowCount);
    }

    /// <summary>Predicts rows given as dictionaries from column name to cell text (missing keys are empty cells; a row lacking an input column entirely is refused).</summary>
    public PredictionResult Predict(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var absent = InputColumns.FirstOrDefault(c => !rows[i].ContainsKey(c));
            if (absent is not null) throw new ArgumentException($"Row {i + 1} lacks the input column '{absent}'.", nameof(rows));
        }
        if (rows.Count == 0) return new PredictionResult(Task, Classes, Array.Empty<RowPrediction>());
        var table = CsvTable.FromRows(InputColumns, rows.Select(r => (IReadOnlyList<string?>)InputColumns.Select(c => r[c]).ToArray()));
        return Predict(table);
    }

    /// <summary>The raw model outputs for encoded rows: probabilities <c>[N, K]</c> or standardised values <c>[N]</c>.</summary>
    internal float[] Forward(float[] features, int count, int width)
    {
        lock (_gate)
        {
            return _model.Score(features, count);
        }
    }

    private PredictionResult Decode(float[] outputs, int count)
    {
        var target = _model.Artifact.Preprocessing.Target;
        var rows = new RowPrediction[count];
        if (Task == TaskKind.Classification)
        {
            var k = Classes.Count;
            for (var i = 0; i < count; i++)
            {
                var probabilities = new Dictionary<string, double>(k);
                var best = 0;
                for (var c = 0; c < k; c++)
                {
                    probabilities[Classes[c]] = outputs[i * k + c];
                    if (outputs[i * k + c] > outputs[i * k + best]) best = c;
                }
                rows[i] = new RowPrediction(Classes[best], null, probabilities);
            }
        }
        else
        {
            for (var i = 0; i < count; i++) rows[i] = new RowPrediction(null, target.Decode(outputs[i]), null);
        }
        return new PredictionResult(Task, Classes, rows);
    }

    /// <summary>Frees the network.</summary>
    public void Dispose() => _model.Dispose();
}
