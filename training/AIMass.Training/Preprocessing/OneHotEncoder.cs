namespace AIMass.Training.Preprocessing;

/// <summary>
/// A low-cardinality categorical column: one feature per training category, plus one for any value not seen in
/// training (unseen categories at prediction time land there). A missing cell is the category
/// <see cref="MissingToken"/>, its own feature when training had missing values, else the unseen feature.
/// </summary>
internal sealed class OneHotEncoder : ColumnEncoder
{
    /// <summary>How a missing cell is named among the categories.</summary>
    public const string MissingToken = "(missing)";

    private Dictionary<string, int>? _index;

    public IReadOnlyList<string> Categories { get; init; } = Array.Empty<string>();

    public override int Width => Categories.Count + 1;

    public override IEnumerable<string> FeatureNames() => Categories.Select(c => $"{Column}={c}").Append($"{Column}=(other)");

    public override void Encode(string? cell, Span<float> output, int row)
    {
        _index ??= Categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        output.Clear();
        var key = Data.CellValues.IsMissing(cell) ? MissingToken : cell!;
        output[_index.TryGetValue(key, out var i) ? i : Categories.Count] = 1f;
    }
}
