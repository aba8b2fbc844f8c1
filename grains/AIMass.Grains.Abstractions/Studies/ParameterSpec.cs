namespace AIMass.Grains.Studies;

/// <summary>
/// One dimension of a search space. A parameter with a <see cref="ParentName"/> is asked only in trials
/// where the parent took one of <see cref="ParentValues"/> (a conditional space, e.g. <c>heads</c> only for
/// the <c>vit</c> family).
/// </summary>
[GenerateSerializer, Immutable, Alias("aimass.parameter-spec")]
public sealed record ParameterSpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public ParameterKind Kind { get; init; }
    [Id(2)] public double Low { get; init; }
    [Id(3)] public double High { get; init; }
    [Id(4)] public bool Log { get; init; }
    [Id(5)] public double? Step { get; init; }
    [Id(6)] public string[] Choices { get; init; } = [];
    [Id(7)] public string? ParentName { get; init; }
    [Id(8)] public string[] ParentValues { get; init; } = [];

    public static ParameterSpec Float(string name, double low, double high, bool log = false, double? step = null) =>
        new() { Name = name, Kind = ParameterKind.Float, Low = low, High = high, Log = log, Step = step };

    public static ParameterSpec Int(string name, int low, int high, bool log = false, int step = 1) =>
        new() { Name = name, Kind = ParameterKind.Int, Low = low, High = high, Log = log, Step = step };

    public static ParameterSpec Categorical(string name, params string[] choices) =>
        new() { Name = name, Kind = ParameterKind.Categorical, Choices = choices };

    /// <summary>This parameter, asked only when <paramref name="parent"/> is one of <paramref name="values"/>.</summary>
    public ParameterSpec When(string parent, params string[] values) => this with { ParentName = parent, ParentValues = values };
}
