using AIMass.Training.Configuration;
using AIMass.Training.Models.Host;

namespace AIMass.Training.Models.LinearModels;

/// <summary>
/// The <c>linear</c> family on the host: ridge regression with an unpenalised intercept for regression
/// (<see cref="RidgeSolver"/>, closed form), multinomial (or, with two classes, binary) logistic regression with an L2
/// penalty for classification (<see cref="LogisticSolver"/>, L-BFGS). Fitted in double; the coefficients are kept in
/// double, so scoring matches the fit exactly.
/// </summary>
internal sealed class LinearModel : IHostModel
{
    private const byte FormatVersion = 1;
    private const string Name = "linear model";

    private readonly TaskKind _task;
    private readonly int _classes;
    private readonly int _featureCount;
    private readonly double[] _weights;
    private readonly double[] _intercepts;

    private LinearModel(TaskKind task, int classes, int featureCount, double[] weights, double[] intercepts)
    {
        (_task, _classes, _featureCount, _weights, _intercepts) = (task, classes, featureCount, weights, intercepts);
    }

    public string Family => "linear";

    /// <summary>Coefficients plus intercepts: one vector for regression and for two classes, else one per class.</summary>
    public long ParameterCount => _weights.Length + _intercepts.Length;

    /// <summary>Row-major coefficients <c>[vectors, features]</c>.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The intercept of each coefficient vector.</summary>
    public IReadOnlyList<double> Intercepts => _intercepts;

    /// <summary>L-BFGS iterations of the logistic fit (0 for ridge or a loaded model).</summary>
    public int Iterations { get; private init; }

    /// <summary>Fits on the rows with the family's hyperparameters (<see cref="LinearSettings"/>).</summary>
    public static LinearModel Fit(HostFitData data, HyperparameterReader hp)
    {
        var settings = LinearSettings.Read(hp);
        if (data.Rows < 1) throw new ArgumentException("A linear model needs at least one training row.", nameof(data));
        var (rows, features) = (data.Rows, data.FeatureCount);
        var x = new double[(long)rows * features];
        for (var i = 0; i < x.Length; i++) x[i] = data.Features[i];
        if (data.Task == TaskKind.Regression)
        {
            var y = data.Targets!.Select(t => (double)t).ToArray();
            var (w, b) = RidgeSolver.Solve(x, y, rows, features, settings.Alpha);
            return new LinearModel(TaskKind.Regression, 1, features, w, [b]);
        }
        var labels = data.Labels!.Select(l => (int)l).ToArray();
        if (labels.Any(l => l < 0 || l >= data.Classes)) throw new ArgumentException($"Labels must lie in [0, {data.Classes}).", nameof(data));
        var fit = LogisticSolver.Fit(x, labels, rows, features, data.Classes, settings.Alpha, data.Threads);
        return new LinearModel(TaskKind.Classification, data.Classes, features, fit.Weights, fit.Intercepts) { Iterations = fit.Iterations };
    }

    /// <summary>Class probabilities (row-major <c>[count, classes]</c>) or standardised values for row-major features.</summary>
    public float[] Score(float[] features, int count)
    {
        var width = _task == TaskKind.Classification ? _classes : 1;
        var vectors = _intercepts.Length;
        var result = new float[(long)count * width];
        var row = new double[_featureCount];
        var z = new double[Math.Max(width, 1)];
        for (var i = 0; i < count; i++)
        {
            var source = features.AsSpan(i * _featureCount, _featureCount);
            for (var j = 0; j < _featureCount; j++) row[j] = source[j];
            if (_task == TaskKind.Regression)
            {
                result[i] = (float)(DenseMath.Dot(_weights, row) + _intercepts[0]);
                continue;
            }
            for (var v = 0; v < vectors; v++) z[width - vectors + v] = DenseMath.Dot(_weights.AsSpan(v * _featureCount, _featureCount), row) + _intercepts[v];
            if (vectors < width) z[0] = 0; // two classes: the first class's logit is fixed
            var max = z.Max();
            var sum = 0.0;
            for (var c = 0; c < width; c++) sum += z[c] = Math.Exp(z[c] - max);
            for (var c = 0; c < width; c++) result[i * width + c] = (float)(z[c] / sum);
        }
        return result;
    }

    /// <summary>
    /// A version byte, the shape (<see cref="HostModelHeader"/>) and the vector count, then the coefficients and intercepts
    /// as little-endian doubles.
    /// </summary>
    public byte[] Save() => HostModelBytes.Save(FormatVersion, writer =>
    {
        new HostModelHeader(_task, _classes, _featureCount).Write(writer);
        writer.Write(_intercepts.Length);
        HostModelBytes.WriteArray(writer, _weights);
        HostModelBytes.WriteArray(writer, _intercepts);
    });

    /// <summary>Reads a model written by <see cref="Save"/>, checking it against the artifact's shape.</summary>
    public static LinearModel Load(byte[] bytes, HostModelShape shape)
    {
        using var reader = HostModelBytes.Open(bytes, FormatVersion, Name);
        var (task, classes, features) = HostModelHeader.Read(reader, shape, Name);
        var vectors = reader.ReadInt32();
        var expected = task == TaskKind.Regression ? 1 : classes == 2 ? 1 : classes;
        if (vectors != expected) throw new InvalidDataException($"The linear model holds {vectors} coefficient vectors; its shape needs {expected}.");
        var weights = HostModelBytes.ReadArray<double>(reader, vectors * features, Name);
        var intercepts = HostModelBytes.ReadArray<double>(reader, vectors, Name);
        return new LinearModel(task, classes, features, weights, intercepts);
    }
}
