namespace AIMass.Training.Data;

/// <summary>
/// Seeded train/validation/test splits and k-fold partitions. Classification splits are stratified (each
/// class is spread over the parts in the requested fractions); regression splits are stratified on target
/// quantiles (rows sorted by target, dealt in blocks), which keeps each part's target range alike. Rows
/// whose target is missing are left out. Equal seeds give equal splits on every machine.
/// </summary>
public static class DataSplitter
{
    /// <summary>Splits the rows of <paramref name="table"/> that have a target value.</summary>
    public static DataSplit Split(CsvTable table, string target, TaskKind task, double validationFraction, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        CheckFractions(validationFraction, testFraction);
        var strata = Strata(table, target, task, rows: null);
        var rng = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        var total = strata.Sum(s => s.Count);
        if (total < 3) throw new ArgumentException($"Only {total} rows have a value in '{target}': too few to split.", nameof(table));
        foreach (var stratum in strata)
        {
            Shuffle(stratum, rng);
            var nTest = (int)Math.Round(stratum.Count * testFraction, MidpointRounding.AwayFromZero);
            var nValidation = (int)Math.Round(stratum.Count * validationFraction, MidpointRounding.AwayFromZero);
            if (nTest + nValidation >= stratum.Count)
            {
                nTest = Math.Min(nTest, Math.Max(0, stratum.Count - 1) / 2);
                nValidation = Math.Min(nValidation, stratum.Count - 1 - nTest);
            }
            test.AddRange(stratum.Take(nTest));
            validation.AddRange(stratum.Skip(nTest).Take(nValidation));
            train.AddRange(stratum.Skip(nTest + nValidation));
        }
        // Small data: make sure each requested part has at least one row.
        if (validationFraction > 0 && validation.Count == 0 && train.Count > 1) Move(train, validation, rng);
        if (testFraction > 0 && test.Count == 0 && train.Count > 1) Move(train, test, rng);
        train.Sort();
        validation.Sort();
        test.Sort();
        return new DataSplit(train, validation, test);
    }

    /// <summary>
    /// Partitions the rows with a target value into <paramref name="folds"/> stratified folds; split <c>i</c>
    /// validates on fold <c>i</c> and trains on the rest (its <see cref="DataSplit.Test"/> is empty).
    /// </summary>
    public static IReadOnlyList<DataSplit> KFold(CsvTable table, string target, TaskKind task, int folds, int seed) =>
        KFold(table, target, task, folds, seed, rows: null);

    /// <summary>
    /// Partitions <paramref name="rows"/> (those with a target value; null = every row) into <paramref name="folds"/>
    /// stratified folds as <see cref="KFold(CsvTable, string, TaskKind, int, int)"/> does: the training rows of a
    /// cross-validation whose test rows were split off first.
    /// </summary>
    public static IReadOnlyList<DataSplit> KFold(CsvTable table, string target, TaskKind task, int folds, int seed, IReadOnlyList<int>? rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "k-fold needs at least 2 folds.");
        var strata = Strata(table, target, task, rows);
        var total = strata.Sum(s => s.Count);
        if (total < folds) throw new ArgumentOutOfRangeException(nameof(folds), folds, $"Only {total} rows have a target value: fewer than {folds} folds.");
        var rng = new Random(seed);
        var parts = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        var next = 0;
        foreach (var stratum in strata)
        {
            Shuffle(stratum, rng);
            foreach (var row in stratum)
            {
                parts[next].Add(row);
                next = (next + 1) % folds;
            }
        }
        var result = new List<DataSplit>(folds);
        for (var i = 0; i < folds; i++)
        {
            var validation = parts[i].OrderBy(r => r).ToList();
            var train = parts.Where((_, j) => j != i).SelectMany(p => p).OrderBy(r => r).ToList();
            result.Add(new DataSplit(train, validation, Array.Empty<int>()));
        }
        return result;
    }

    private static List<List<int>> Strata(CsvTable table, string target, TaskKind task, IReadOnlyList<int>? rows)
    {
        var cells = table.Column(target);
        IEnumerable<int> candidates = rows ?? Enumerable.Range(0, cells.Count);
        if (task == TaskKind.Classification)
        {
            var byLabel = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var r in candidates)
            {
                if (CellValues.IsMissing(cells[r])) continue;
                var label = cells[r]!;
                if (!byLabel.TryGetValue(label, out var list)) byLabel[label] = list = new List<int>();
                list.Add(r);
            }
            return byLabel.Values.ToList();
        }
        var valued = new List<(double Value, int Row)>();
        foreach (var r in candidates)
        {
            if (CellValues.TryParseFiniteNumber(cells[r], out var v)) valued.Add((v, r));
        }
        valued.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Row.CompareTo(b.Row));
        // Blocks of ten neighbouring target values are the strata; a short last block joins the one before, so
        // that rounding per block does not drift from the requested fractions.
        const int block = 10;
        var strata = new List<List<int>>();
        for (var i = 0; i < valued.Count; i += block)
        {
            strata.Add(valued.GetRange(i, Math.Min(block, valued.Count - i)).ConvertAll(x => x.Row));
        }
        if (strata.Count > 1 && strata[^1].Count < block)
        {
            strata[^2].AddRange(strata[^1]);
            strata.RemoveAt(strata.Count - 1);
        }
        return strata;
    }

    private static void Move(List<int> from, List<int> to, Random rng)
    {
        var i = rng.Next(from.Count);
        to.Add(from[i]);
        from.RemoveAt(i);
    }

    private static void Shuffle(List<int> list, Random rng)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private static void CheckFractions(double validationFraction, double testFraction)
    {
        if (!(validationFraction >= 0 && validationFraction < 1)) throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "ValidationFraction must be in [0, 1).");
        if (!(testFraction >= 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "TestFraction must be in [0, 1).");
        if (validationFraction + testFraction >= 0.9) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "ValidationFraction + TestFraction must leave at least 10% of rows for training.");
    }
}
