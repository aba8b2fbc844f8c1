namespace AIMass.Grains.Datasets;

/// <summary>One column of a data set's schema.</summary>
[GenerateSerializer, Immutable, Alias("aimass.column-info")]
public sealed record ColumnInfo
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>numeric, categorical, boolean, date, text, identifier or constant.</summary>
    [Id(1)] public required string Kind { get; init; }
    [Id(2)] public int Missing { get; init; }
    [Id(3)] public int Distinct { get; init; }
    [Id(4)] public double? Min { get; init; }
    [Id(5)] public double? Max { get; init; }
    [Id(6)] public double? Mean { get; init; }

    /// <summary>Why training will not use this column (constant, identifier, ...), if so.</summary>
    [Id(7)] public string? DropReason { get; init; }

    /// <summary>The task this column would make as a target: <c>classification</c> or <c>regression</c>.</summary>
    [Id(8)] public string? TaskAsTarget { get; init; }
}
