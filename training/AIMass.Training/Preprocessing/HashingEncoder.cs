using System.Text;

namespace AIMass.Training.Preprocessing;

/// <summary>
/// A high-cardinality categorical column: the value's stable 32-bit FNV-1a hash picks one of <see cref="Buckets"/>
/// features (so unseen values need no special case). A missing cell hashes as <see cref="OneHotEncoder.MissingToken"/>.
/// </summary>
internal sealed class HashingEncoder : ColumnEncoder
{
    public int Buckets { get; init; } = 64;

    public override int Width => Buckets;

    public override IEnumerable<string> FeatureNames() => Enumerable.Range(0, Buckets).Select(i => $"{Column}#h{i}");

    public override void Encode(string? cell, Span<float> output, int row)
    {
        output.Clear();
        var key = Data.CellValues.IsMissing(cell) ? OneHotEncoder.MissingToken : cell!;
        output[(int)(Fnv1a(key) % (uint)Buckets)] = 1f;
    }

    /// <summary>32-bit FNV-1a over the UTF-8 bytes: the same on every machine and run (unlike string.GetHashCode).</summary>
    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
