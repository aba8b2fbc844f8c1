using AIMass.Training.Artifacts;
using AIMass.Training.Preprocessing;

namespace AIMass.Training.Training;

/// <summary>Collects a cross-validation's out-of-fold outputs and truths over the training rows, fold by fold.</summary>
internal sealed class OutOfFold
{
    private readonly IReadOnlyList<int> _rows;
    private readonly Dictionary<int, int> _position;
    private readonly TargetEncoding _target;
    private readonly int _width;
    private readonly float[] _outputs;
    private readonly long[]? _labels;
    private readonly double[]? _targets;
    private readonly bool[] _covered;

    public OutOfFold(IReadOnlyList<int> rows, TargetEncoding target)
    {
        _rows = rows;
        _position = new Dictionary<int, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++) _position[rows[i]] = i;
        _target = target;
        _width = target.Outputs;
        _outputs = new float[rows.Count * _width];
        _labels = target.Task == TaskKind.Classification ? new long[rows.Count] : null;
        _targets = target.Task == TaskKind.Regression ? new double[rows.Count] : null;
        _covered = new bool[rows.Count];
    }

    /// <summary>Rows predicted so far.</summary>
    public int Covered { get; private set; }

    /// <summary>Records one fold's predictions of its own rows.</summary>
    public void Add(EncodedRows fold, float[] outputs)
    {
        for (var j = 0; j < fold.Count; j++)
        {
            var p = _position[fold.Rows[j]];
            Array.Copy(outputs, j * _width, _outputs, p * _width, _width);
            if (_labels is not null) _labels[p] = fold.LabelIds![j];
            if (_targets is not null) _targets[p] = fold.RawTargets![j];
            if (!_covered[p]) Covered++;
            _covered[p] = true;
        }
    }

    /// <summary>Every metric over the rows predicted so far.</summary>
    public IReadOnlyDictionary<string, double> Metrics()
    {
        var picked = Enumerable.Range(0, _rows.Count).Where(i => _covered[i]).ToArray();
        if (picked.Length == 0) return new Dictionary<string, double>();
        var outputs = new float[picked.Length * _width];
        for (var i = 0; i < picked.Length; i++) Array.Copy(_outputs, picked[i] * _width, outputs, i * _width, _width);
        return Evaluator.Metrics(outputs, _labels is null ? null : picked.Select(i => _labels[i]).ToArray(),
            _targets is null ? null : picked.Select(i => _targets[i]).ToArray(), _target);
    }

    /// <summary>The complete out-of-fold predictions with the model's test predictions, for the artifact.</summary>
    public StoredPredictions ToStored(IReadOnlyList<int> testRows, float[] testOutputs, long[]? testLabels, double[]? testTargets) => new()
    {
        Width = _width,
        TrainRows = _rows.ToArray(),
        OutOfFold = (float[])_outputs.Clone(),
        TrainLabels = (long[]?)_labels?.Clone(),
        TrainTargets = (double[]?)_targets?.Clone(),
        TestRows = testRows.ToArray(),
        Test = testOutputs,
        TestLabels = testLabels,
        TestTargets = testTargets,
    };
}
