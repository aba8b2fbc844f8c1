namespace AIMass.Training.Models.Host;

/// <summary>
/// The shape fields every saved knn, linear, krr and forest model carries: the task, the classes and the feature count,
/// written as three little-endian <see cref="int"/>s in that order. A family writes them after its version byte (a forest
/// after its extra-trees flag too; see <see cref="HostModelBytes"/>) and its own counts and settings after them.
/// </summary>
/// <param name="Task">The task.</param>
/// <param name="Classes">Classes (classification), 1 for regression; the width of a score row.</param>
/// <param name="FeatureCount">Features per row.</param>
internal readonly record struct HostModelHeader(TaskKind Task, int Classes, int FeatureCount)
{
    /// <summary>Writes the task, the classes and the feature count.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write((int)Task);
        writer.Write(Classes);
        writer.Write(FeatureCount);
    }

    /// <summary>
    /// Reads the fields written by <see cref="Write"/> and checks them against the artifact's <paramref name="shape"/>:
    /// the same task, the same classes (1 for regression) and the same feature count, else
    /// <see cref="InvalidDataException"/>. <paramref name="model"/> names the model in the message (<c>knn model</c>,
    /// <c>forest</c>, ...).
    /// </summary>
    public static HostModelHeader Read(BinaryReader reader, HostModelShape shape, string model)
    {
        var header = new HostModelHeader((TaskKind)reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var expected = new HostModelHeader(shape.Task, shape.Task == TaskKind.Classification ? shape.Classes : 1, shape.FeatureCount);
        if (header != expected || header.Classes < 1)
        {
            throw new InvalidDataException(
                $"The {model} ({header.Task}, {header.Classes} classes, {header.FeatureCount} features) does not match the artifact " +
                $"({expected.Task}, {expected.Classes} classes, {expected.FeatureCount} features).");
        }
        return header;
    }
}
