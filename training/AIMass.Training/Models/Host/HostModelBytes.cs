using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AIMass.Training.Models.Host;

/// <summary>
/// The binary framing the knn, linear, krr and forest models share: a leading format version byte, then the family's
/// fields (usually a <see cref="HostModelHeader"/> first) and arrays of primitives as their raw little-endian bytes,
/// without length prefixes (the counts are among the family's fields).
/// </summary>
internal static class HostModelBytes
{
    /// <summary>The bytes of <paramref name="version"/> followed by whatever <paramref name="write"/> writes.</summary>
    public static byte[] Save(byte version, Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(version);
            write(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A reader over <paramref name="bytes"/> placed after the version byte, which must be <paramref name="version"/>,
    /// else <see cref="InvalidDataException"/>. <paramref name="model"/> names the model in the message.
    /// </summary>
    public static BinaryReader Open(byte[] bytes, byte version, string model)
    {
        var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        var stored = reader.ReadByte();
        if (stored == version) return reader;
        reader.Dispose();
        throw new InvalidDataException($"Unknown {model} format version {stored}.");
    }

    /// <summary>Writes <paramref name="values"/> as their raw bytes, without a length.</summary>
    public static void WriteArray<T>(BinaryWriter writer, T[] values) where T : unmanaged => writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>
    /// Reads <paramref name="count"/> values written by <see cref="WriteArray{T}"/>; a negative count, or fewer bytes left
    /// than the values need, throws <see cref="InvalidDataException"/> naming <paramref name="model"/>.
    /// </summary>
    public static T[] ReadArray<T>(BinaryReader reader, int count, string model) where T : unmanaged
    {
        if (count < 0) throw new InvalidDataException($"The {model} holds a negative count ({count}).");
        var stream = reader.BaseStream;
        if ((long)count * Unsafe.SizeOf<T>() > stream.Length - stream.Position) throw new InvalidDataException($"The {model}'s bytes end early.");
        var array = new T[count];
        var bytes = MemoryMarshal.AsBytes(array.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new InvalidDataException($"The {model}'s bytes end early.");
        return array;
    }
}
