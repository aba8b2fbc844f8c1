namespace AIMass.Training.Data;

/// <summary>0-based row indices of a table, split into training, validation and test rows (disjoint).</summary>
public sealed record DataSplit(IReadOnlyList<int> Train, IReadOnlyList<int> Validation, IReadOnlyList<int> Test);
