using AIMass.Training.Data;
using AIMass.Training.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>
/// The encoded rows of one split, served as batches. When <c>rows x features</c> fits in
/// <see cref="DenseLimit"/> floats the features are encoded once into one CPU tensor (or one tensor on the
/// training device); beyond it they stay as CSV text and each batch is encoded when it is asked for, so memory
/// stays bounded by the table plus one batch however large the file. Targets are always held (one number a row).
/// </summary>
internal sealed class EncodedRows : IDisposable
{
    /// <summary>The most floats held encoded at once (256 MiB).</summary>
    public const long DenseLimit = 64L << 20;

    private readonly TabularPreprocessor _preprocessor;
    private readonly CsvTable _table;
    private readonly IReadOnlyList<int> _rows;
    private readonly Tensor? _dense;
    private readonly Device _device;

    public EncodedRows(TabularPreprocessor preprocessor, CsvTable table, IReadOnlyList<int> rows, Device device, long denseLimit = DenseLimit)
    {
        _preprocessor = preprocessor;
        _table = table;
        _rows = rows;
        _device = device;
        Count = rows.Count;
        Features = preprocessor.FeatureCount;
        if ((long)Count * Features <= denseLimit)
        {
            var values = preprocessor.Transform(table, rows);
            using var cpu = torch.tensor(values, new long[] { Count, Features });
            _dense = cpu.to(device);
        }
        var target = preprocessor.Target;
        if (target.Task == TaskKind.Classification)
        {
            LabelIds = target.EncodeLabels(table, rows);
            using var labels = torch.tensor(LabelIds, new long[] { Count });
            Targets = labels.to(device);
        }
        else
        {
            RawTargets = target.RawValues(table, rows);
            using var values = torch.tensor(target.EncodeValues(table, rows), new long[] { Count, 1 });
            Targets = values.to(device);
        }
    }

    public int Count { get; }

    public int Features { get; }

    public bool IsStreaming => _dense is null;

    /// <summary>Label ids (classification).</summary>
    public long[]? LabelIds { get; }

    /// <summary>Targets in original units (regression).</summary>
    public double[]? RawTargets { get; }

    /// <summary>Targets on the device: label ids <c>[N]</c> (int64) or standardised values <c>[N, 1]</c>.</summary>
    public Tensor Targets { get; }

    /// <summary>The table rows (0-based) behind these encoded rows.</summary>
    public IReadOnlyList<int> Rows => _rows;

    /// <summary>Features of the given positions (0-based within this split) on the device.</summary>
    public Tensor Gather(long[] positions)
    {
        if (_dense is not null)
        {
            using var index = torch.tensor(positions, device: _dense.device);
            return _dense.index_select(0, index);
        }
        var rows = positions.Select(p => _rows[(int)p]).ToArray();
        var buffer = new float[(long)rows.Length * Features];
        _preprocessor.Transform(_table, rows, 0, rows.Length, buffer);
        using var cpu = torch.tensor(buffer, new long[] { rows.Length, Features });
        return cpu.to(_device);
    }

    /// <summary>Features of positions <c>[start, start + count)</c> on the device.</summary>
    public Tensor Slice(int start, int count)
    {
        if (_dense is not null) return _dense.narrow(0, start, count);
        var buffer = new float[(long)count * Features];
        _preprocessor.Transform(_table, _rows, start, count, buffer);
        using var cpu = torch.tensor(buffer, new long[] { count, Features });
        return cpu.to(_device);
    }

    /// <summary>
    /// This split in the given order for one epoch: dense rows are permuted once (one copy) so that every batch is
    /// a view; streaming rows are encoded batch by batch.
    /// </summary>
    public EpochOrder InOrder(long[] order) => new(this, order);

    /// <summary>Batches of one epoch in a fixed order.</summary>
    internal sealed class EpochOrder : IDisposable
    {
        private readonly EncodedRows _rows;
        private readonly long[] _order;
        private readonly Tensor? _features;
        private readonly Tensor? _targets;

        public EpochOrder(EncodedRows rows, long[] order)
        {
            _rows = rows;
            _order = order;
            if (rows._dense is null) return;
            using var index = torch.tensor(order, device: rows._dense.device);
            _features = rows._dense.index_select(0, index);
            _targets = rows.Targets.index_select(0, index);
        }

        /// <summary>Features of batch rows <c>[start, start + count)</c> of the order.</summary>
        public Tensor Features(int start, int count) =>
            _features is not null ? _features.narrow(0, start, count) : _rows.Gather(_order.AsSpan(start, count).ToArray());

        /// <summary>Targets of batch rows <c>[start, start + count)</c> of the order.</summary>
        public Tensor Targets(int start, int count) =>
            _targets is not null ? _targets.narrow(0, start, count) : _rows.GatherTargets(_order.AsSpan(start, count).ToArray());

        public void Dispose()
        {
            _features?.Dispose();
            _targets?.Dispose();
        }
    }

    /// <summary>Features of positions <c>[start, start + count)</c> as a row-major array on the host.</summary>
    public float[] SliceToArray(int start, int count)
    {
        using var slice = Slice(start, count);
        using var host = slice.cpu();
        return host.contiguous().data<float>().ToArray();
    }

    /// <summary>Targets of the given positions.</summary>
    public Tensor GatherTargets(long[] positions)
    {
        using var index = torch.tensor(positions, device: Targets.device);
        return Targets.index_select(0, index);
    }

    public void Dispose()
    {
        _dense?.Dispose();
        Targets.Dispose();
    }
}
