namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>Sorting of indices by a double key, ties by index, so that equal keys never depend on the sort's whims.</summary>
internal static class StableSort
{
    /// <summary>Sorts <paramref name="items"/> (indices into <paramref name="keys"/>) by key, equal keys by index.</summary>
    public static void ByKey(double[] keys, int[] items)
    {
        var k = new double[items.Length];
        for (var i = 0; i < items.Length; i++) k[i] = keys[items[i]];
        ByKeys(k, items);
    }

    /// <summary>Sorts <paramref name="keys"/> and <paramref name="items"/> together by key, equal keys by item.</summary>
    public static void ByKeys(double[] keys, int[] items)
    {
        Array.Sort(keys, items);
        var count = keys.Length;
        for (var i = 1; i < count; i++)
        {
            if (!(keys[i] == keys[i - 1]) && !(double.IsNaN(keys[i]) && double.IsNaN(keys[i - 1]))) continue;
            var start = i - 1;
            var j = i + 1;
            while (j < count && (keys[j] == keys[start] || (double.IsNaN(keys[j]) && double.IsNaN(keys[start])))) j++;
            Array.Sort(items, start, j - start);
            i = j;
        }
    }
}
