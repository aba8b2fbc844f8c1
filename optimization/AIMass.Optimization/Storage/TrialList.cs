using System.Collections;

namespace AIMass.Optimization;

/// <summary>
/// An immutable, number-ordered list of finished trials that shares its backing array with later versions:
/// appending in order writes past every earlier view's count, so readers never see a change and never copy.
/// </summary>
internal sealed class TrialList : IReadOnlyList<FrozenTrial>
{
    public static readonly TrialList Empty = new([], 0);

    private readonly FrozenTrial[] _items;

    private TrialList(FrozenTrial[] items, int count)
    {
        _items = items;
        Count = count;
    }

    public int Count { get; }

    public FrozenTrial this[int index] =>
        (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The list with <paramref name="trial"/> inserted by number. Callers serialise writers.</summary>
    public TrialList With(FrozenTrial trial)
    {
        if (Count == 0 || _items[Count - 1].Number < trial.Number)
        {
            if (Count < _items.Length && _items[Count] is null)
            {
                _items[Count] = trial;
                return new TrialList(_items, Count + 1);
            }
            var grown = new FrozenTrial[Math.Max(16, _items.Length * 2)];
            Array.Copy(_items, grown, Count);
            grown[Count] = trial;
            return new TrialList(grown, Count + 1);
        }
        // Out of order (parallel workers): copy with the trial inserted at its place.
        var copy = new FrozenTrial[Math.Max(16, Math.Max(_items.Length, Count + 1))];
        var at = Count;
        while (at > 0 && _items[at - 1].Number > trial.Number) at--;
        Array.Copy(_items, copy, at);
        copy[at] = trial;
        Array.Copy(_items, at, copy, at + 1, Count - at);
        return new TrialList(copy, Count + 1);
    }

    public IEnumerator<FrozenTrial> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The items as a span (read-only by convention).</summary>
    public ReadOnlySpan<FrozenTrial> AsSpan() => _items.AsSpan(0, Count);
}
