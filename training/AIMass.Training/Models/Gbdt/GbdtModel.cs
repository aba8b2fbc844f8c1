using AIMass.Training.Configuration;
using AIMass.Training.Models.Host;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace AIMass.Training.Models.Gbdt;

/// <summary>
/// Gradient-boosted trees (LightGBM through ML.NET) on the encoded features: multiclass (softmax) for
/// classification, L2 regression on the standardised target. Outputs have the same meaning as a network's after
/// the softmax: class probabilities, or a standardised value. Saved as ML.NET's model zip.
/// </summary>
internal sealed class GbdtModel : IHostModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _inputSchema;
    private readonly TaskKind _task;
    private readonly int _classes;

    private GbdtModel(MLContext ml, ITransformer model, TaskKind task, int classes, int features, long parameterCount)
    {
        _ml = ml;
        _model = model;
        _task = task;
        _classes = classes;
        Features = features;
        ParameterCount = parameterCount;
        _inputSchema = SchemaDefinition.Create(typeof(GbdtInputRow));
        _inputSchema[nameof(GbdtInputRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
    }

    public string Family => "gbdt";

    /// <summary>Features per row.</summary>
    public int Features { get; }

    /// <summary>
    /// Split thresholds plus leaf values: exact for regression (from the trained trees); for classification the
    /// nominal bound <c>rounds x classes x (2 x leaves - 1)</c>, since ML.NET does not expose a multiclass ensemble's trees.
    /// </summary>
    public long ParameterCount { get; }

    /// <summary>Fits on the rows with the family's hyperparameters (<see cref="GbdtSettings"/>).</summary>
    public static GbdtModel Fit(HostFitData fit, HyperparameterReader hp)
    {
        var settings = GbdtSettings.Read(hp);
        var (x, rows, features, labels, targets, task, classes, seed, threads) = (fit.Features, fit.Rows, fit.FeatureCount, fit.Labels, fit.Targets, fit.Task, fit.Classes, fit.Seed, fit.Threads);
        var ml = new MLContext(seed);
        if (task == TaskKind.Classification)
        {
            var schema = SchemaDefinition.Create(typeof(GbdtClassRow));
            schema[nameof(GbdtClassRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
            schema[nameof(GbdtClassRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
            var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new GbdtClassRow
            {
                Features = x.AsSpan(i * features, features).ToArray(),
                Label = (uint)labels![i],
            }), schema);
            var trainer = ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfIterations = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinLeaf,
                LearningRate = settings.LearningRate,
                Booster = new GradientBooster.Options { FeatureFraction = settings.FeatureFraction, L2Regularization = settings.L2 },
                NumberOfThreads = threads,
                Seed = seed,
                UseSoftmax = true,
                Silent = true,
            });
            var model = trainer.Fit(data);
            return new GbdtModel(ml, model, task, classes, features, (long)settings.Trees * classes * (2L * settings.Leaves - 1));
        }
        else
        {
            var schema = SchemaDefinition.Create(typeof(GbdtValueRow));
            schema[nameof(GbdtValueRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
            var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new GbdtValueRow
            {
                Features = x.AsSpan(i * features, features).ToArray(),
                Label = targets![i],
            }), schema);
            var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinLeaf,
                LearningRate = settings.LearningRate,
                Booster = new GradientBooster.Options { FeatureFraction = settings.FeatureFraction, L2Regularization = settings.L2 },
                NumberOfThreads = threads,
                Seed = seed,
                Silent = true,
            });
            var model = trainer.Fit(data);
            var parameters = model.Model.TrainedTreeEnsemble.Trees.Sum(t => 2L * t.NumberOfLeaves - 1);
            return new GbdtModel(ml, model, task, 1, features, parameters);
        }
    }

    /// <summary>Class probabilities (row-major <c>[count, classes]</c>) or standardised values for row-major features.</summary>
    public float[] Score(float[] x, int count)
    {
        var width = _task == TaskKind.Classification ? _classes : 1;
        var result = new float[(long)count * width];
        if (count == 0) return result;
        var input = _ml.Data.LoadFromEnumerable(
            Enumerable.Range(0, count).Select(i => new GbdtInputRow { Features = x.AsSpan(i * Features, Features).ToArray() }), _inputSchema);
        var scored = _model.Transform(input);
        var row = 0;
        if (_task == TaskKind.Classification)
        {
            foreach (var scores in scored.GetColumn<float[]>("Score")) scores.AsSpan(0, width).CopyTo(result.AsSpan(row++ * width, width));
        }
        else
        {
            foreach (var value in scored.GetColumn<float>("Score")) result[row++] = value;
        }
        return result;
    }

    /// <summary>The model as ML.NET's zip.</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        _ml.Model.Save(_model, SchemaDefinitionToSchema(), buffer);
        return buffer.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static GbdtModel Load(byte[] bytes, HostModelShape shape)
    {
        var (task, classes, features, parameterCount) = (shape.Task, shape.Classes, shape.FeatureCount, shape.ParameterCount);
        var ml = new MLContext(0);
        using var stream = new MemoryStream(bytes, writable: false);
        var model = ml.Model.Load(stream, out _);
        return new GbdtModel(ml, model, task, classes, features, parameterCount);
    }

    private DataViewSchema SchemaDefinitionToSchema() =>
        _ml.Data.LoadFromEnumerable(Array.Empty<GbdtInputRow>(), _inputSchema).Schema;
}
