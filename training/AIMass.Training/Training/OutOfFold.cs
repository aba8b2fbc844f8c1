using AIMass.Training.Artifacts;
using AIMass.Training.Preprocessing;

namespace AIMass.Training.Training;

/// <summary>Collects a cross-validation's out-of-fold outputs and truths over the training rows, fold by fold (a row
/// predicted by several folds of a repeated cross-validation gets the mean of their outputs).</summary>
internal sealed class OutOfFold
{
    private readonly IReadOnlyList<int> _rows;
    private readonly Dictionary<int, int> _position;
    private readonly TargetEncoding _target;
    private readonly int _width;
    private readonly double[] _sums;
    private readonly int[] _counts;
    private readonly long[]? _labels;
    private readonly double[]? _targets;

    public OutOfFold(IReadOnlyList<int> rows, TargetEncoding target)
    {
        _rows = rows;
        _position = new Dictionary<int, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++) _position[rows[i]] = i;
        _target = target;
        _width = target.Outputs;
        _sums = new double[rows.Count * _width];
        _counts = new int[rows.Count];
        _labels = target.Task == TaskKind.Classification ? new long[rows.Count] : null;
        _targets = target.Task == TaskKind.Regression ? new double[rows.Count] : null;
    }

    /// <summary>Rows predicted so far.</summary>
    public int Covered { get; private set; }

    /// <summary>Records one fold's predictions of its own rows.</summary>
    public void Add(EncodedRows fold, float[] outputs)
    {
        for (var j = 0; j < fold.Count; j++)
        {
            var p = _position[fold.Rows[j]];
            for (var c = 0; c < _width; c++) _sums[p * _width + c] += outputs[j * _width + c];
            if (_labels is not null) _labels[p] = fold.LabelIds![j];
            if (_targets is not null) _targets[p] = fold.RawTargets![j];
            if (_counts[p]++ == 0) Covered++;
        }
    }

    /// <summary>Every metric over the rows predicted so far.</summary>
    public IReadOnlyDictionary<string, double> Metrics()
    {
        var picked = Enumerable.Range(0, _rows.Count).Where(i => _counts[i] > 0).ToArray();
        if (picked.Length == 0) return new Dictionary<string, double>();
        var means = Means();
        var outputs = new float[picked.Length * _width];
        for (var i = 0; i < picked.Length; i++) Array.Copy(means, picked[i] * _width, outputs, i * _width, _width);
        return Evaluator.Metrics(outputs, _labels is null ? null : picked.Select(i => _labels[i]).ToArray(),
            _targets is null ? null : picked.Select(i => _targets[i]).ToArray(), _target);
    }

    private float[] Means()
    {
        var means = new float[_sums.Length];
        for (var i = 0; i < means.Length; i++) means[i] = _counts[i / _width] == 0 ? 0 : (float)(_sums[i] / _counts[i / _width]);
        return means;
    }

    /// <summary>The complete out-of-fold predictions with the model's test predictions, for the artifact.</summary>
    public StoredPredictions ToStored(IReadOnlyList<int> testRows, float[] testOutputs, long[]? testLabels, double[]? testTargets) => new()
    {
        Width = _width,
        TrainRows = _rows.ToArray(),
        OutOfFold = Means(),
        TrainLabels = (long[]?)_labels?.Clone(),
        TrainTargets = (double[]?)_targets?.Clone(),
        TestRows = testRows.ToArray(),
        Test = testOutputs,
        TestLabels = testLabels,
        TestTargets = testTargets,
    };
}
