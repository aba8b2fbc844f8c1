namespace AIMass.Training.Preprocessing;

/// <summary>A column the preprocessing leaves out, and why (identifier, constant).</summary>
public sealed record DroppedColumn(string Column, string Reason);
