using AIMass.Training.Models.Host;

namespace AIMass.Training.Models.Kernel;

/// <summary>
/// The training rows a kernel ridge fit keeps when there are more than it can afford (the solve costs the cube of the
/// rows): a uniform sample for regression; for classification a sample stratified by class, each class keeping its share
/// of the rows (largest remainders settle the rounding, and a class that has rows keeps at least one). Rows are drawn by
/// a partial Fisher-Yates shuffle with a <see cref="Random"/> seeded from <see cref="HostFitData.Seed"/> (per class, in
/// class order), so equal data and seeds keep equal rows. The answer lists the kept rows in ascending order.
/// </summary>
internal static class KernelRidgeSubset
{
    /// <summary>Indices of at most <paramref name="limit"/> training rows, ascending; every row when there are no more.</summary>
    public static int[] Choose(HostFitData data, int limit)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), "At least one row must be kept.");
        if (data.Rows <= limit) return Enumerable.Range(0, data.Rows).ToArray();
        var random = new Random(data.Seed);
        if (data.Task == TaskKind.Regression) return Sample(Enumerable.Range(0, data.Rows).ToArray(), limit, random).Order().ToArray();
        var members = new List<int>[data.Classes];
        for (var c = 0; c < data.Classes; c++) members[c] = [];
        for (var i = 0; i < data.Rows; i++) members[data.Labels![i]].Add(i);
        var quotas = Quotas(members.Select(m => m.Count).ToArray(), data.Rows, limit);
        var kept = new List<int>(limit);
        for (var c = 0; c < data.Classes; c++) kept.AddRange(Sample(members[c].ToArray(), quotas[c], random));
        kept.Sort();
        return kept.ToArray();
    }

    /// <summary>
    /// Rows per class summing to <paramref name="limit"/>, proportional to the class counts: floors, then one more for the
    /// largest remainders (lower class first on ties); then every class with rows but no quota takes one from the class
    /// with the largest quota.
    /// </summary>
    private static int[] Quotas(int[] counts, int rows, int limit)
    {
        var quotas = counts.Select(n => (int)((long)n * limit / rows)).ToArray();
        var left = limit - quotas.Sum();
        var byRemainder = Enumerable.Range(0, counts.Length).OrderByDescending(c => (long)counts[c] * limit % rows).ThenBy(c => c);
        foreach (var c in byRemainder.Take(left)) quotas[c]++;
        for (var c = 0; c < counts.Length; c++)
        {
            if (counts[c] == 0 || quotas[c] > 0) continue;
            var largest = Array.IndexOf(quotas, quotas.Max());
            if (quotas[largest] <= 1) break; // more classes than kept rows: the rest go without
            quotas[largest]--;
            quotas[c] = 1;
        }
        return quotas;
    }

    /// <summary>The first <paramref name="take"/> entries of a partial Fisher-Yates shuffle of <paramref name="items"/> (shuffled in place).</summary>
    private static IEnumerable<int> Sample(int[] items, int take, Random random)
    {
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, items.Length);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items.Take(take);
    }
}
