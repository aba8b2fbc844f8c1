namespace AIMass.Grains.Datasets;

/// <summary>What validation learned of an upload: its schema and size.</summary>
public sealed record IngestedDataset(ColumnInfo[] Schema, int Rows, int Columns, string Sha256);
