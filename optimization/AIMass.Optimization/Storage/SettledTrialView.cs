using System.Collections;

namespace AIMass.Optimization;

/// <summary>
/// An immutable, number-ordered view of every trial: the leading finished ("settled") trials come from an array
/// shared with later views (they never change again, and later views only write past this view's count), the
/// remaining few from a private copy. Building the next view costs only those remaining trials, not the study.
/// </summary>
internal sealed class SettledTrialView : IReadOnlyList<FrozenTrial>, IList<FrozenTrial>
{
    private readonly FrozenTrial[] _settled;
    private readonly int _settledCount;
    private readonly FrozenTrial[] _tail;

    public SettledTrialView(FrozenTrial[] settled, int settledCount, FrozenTrial[] tail)
    {
        _settled = settled;
        _settledCount = settledCount;
        _tail = tail;
    }

    public int Count => _settledCount + _tail.Length;

    public bool IsReadOnly => true;

    public FrozenTrial this[int index]
    {
        get
        {
            if ((uint)index < (uint)_settledCount) return _settled[index];
            if ((uint)(index - _settledCount) < (uint)_tail.Length) return _tail[index - _settledCount];
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The view has {Count} trials.");
        }
        set => throw ReadOnly();
    }

    public int IndexOf(FrozenTrial item)
    {
        for (var i = 0; i < Count; i++)
        {
            if (ReferenceEquals(this[i], item)) return i;
        }
        return -1;
    }

    public bool Contains(FrozenTrial item) => IndexOf(item) >= 0;

    public void CopyTo(FrozenTrial[] array, int arrayIndex)
    {
        Array.Copy(_settled, 0, array, arrayIndex, _settledCount);
        Array.Copy(_tail, 0, array, arrayIndex + _settledCount, _tail.Length);
    }

    public IEnumerator<FrozenTrial> GetEnumerator()
    {
        for (var i = 0; i < _settledCount; i++) yield return _settled[i];
        foreach (var t in _tail) yield return t;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(FrozenTrial item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    public void Insert(int index, FrozenTrial item) => throw ReadOnly();

    public bool Remove(FrozenTrial item) => throw ReadOnly();

    public void RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("The trials view is read-only.");
}
