namespace AIMass.Optimization.Samplers.Qmc;

/// <summary>
/// The Sobol low-discrepancy sequence in Gray-code order (the order SciPy uses), 32-bit, up to 256 dimensions;
/// optionally randomised by a digital shift (XOR with a random 32-bit word per dimension), which keeps its net
/// properties and moves the first point off the origin.
/// </summary>
public sealed class SobolSequence
{
    /// <summary>The most dimensions the bundled direction numbers support.</summary>
    public static int MaxDimensions => SobolDirectionNumbers.Table.Length;

    private readonly uint[][] _directions;

    /// <summary>Builds the direction numbers of <paramref name="dimensions"/> dimensions.</summary>
    public SobolSequence(int dimensions)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"Sobol sequences here have 1 to {MaxDimensions} dimensions.");
        }
        _directions = new uint[dimensions][];
        for (var d = 0; d < dimensions; d++) _directions[d] = Directions(d);
    }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions => _directions.Length;

    /// <summary>Coordinate <paramref name="dimension"/> of point <paramref name="index"/> in [0, 1), XOR-shifted by <paramref name="shift"/>.</summary>
    public double Coordinate(long index, int dimension, uint shift = 0)
    {
        if (index < 0 || index >= 1L << 32) throw new ArgumentOutOfRangeException(nameof(index), index, "Sobol indices go from 0 to 2^32 - 1.");
        var gray = (ulong)index ^ ((ulong)index >> 1);
        var v = _directions[dimension];
        uint x = 0;
        for (var j = 0; gray != 0; j++, gray >>= 1)
        {
            if ((gray & 1) != 0) x ^= v[j];
        }
        return (x ^ shift) * (1.0 / 4294967296.0);
    }

    private static uint[] Directions(int dimension)
    {
        var v = new uint[32];
        if (dimension == 0)
        {
            for (var j = 0; j < 32; j++) v[j] = 1u << (31 - j);
            return v;
        }
        var (poly, initial) = SobolDirectionNumbers.Table[dimension];
        var degree = 31 - int.LeadingZeroCount(poly);
        var m = new uint[32];
        for (var j = 0; j < degree && j < 32; j++) m[j] = (uint)initial[j];
        for (var j = degree; j < 32; j++)
        {
            var value = m[j - degree] ^ (m[j - degree] << degree);
            for (var k = 1; k < degree; k++)
            {
                if (((poly >> (degree - k)) & 1) != 0) value ^= m[j - k] << k;
            }
            m[j] = value;
        }
        for (var j = 0; j < 32; j++) v[j] = m[j] << (31 - j);
        return v;
    }
}
