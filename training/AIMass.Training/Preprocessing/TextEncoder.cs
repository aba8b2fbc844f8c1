namespace AIMass.Training.Preprocessing;

/// <summary>
/// A free-text column: lower-cased word tokens hashed (FNV-1a) into <see cref="Buckets"/> counts, log-scaled and
/// normalised to unit length (a bag of words that needs no vocabulary, so unseen words are fine).
/// </summary>
internal sealed class TextEncoder : ColumnEncoder
{
    public int Buckets { get; init; } = 64;

    public override int Width => Buckets;

    public override IEnumerable<string> FeatureNames() => Enumerable.Range(0, Buckets).Select(i => $"{Column}#w{i}");

    public override void Encode(string? cell, Span<float> output, int row)
    {
        output.Clear();
        if (Data.CellValues.IsMissing(cell)) return;
        var text = cell!.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                output[(int)(HashingEncoder.Fnv1a(text[start..i]) % (uint)Buckets)] += 1f;
                start = -1;
            }
        }
        double norm = 0;
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = MathF.Log(1 + output[i]);
            norm += output[i] * output[i];
        }
        if (norm > 0)
        {
            var inv = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < output.Length; i++) output[i] *= inv;
        }
    }
}
