using System.Globalization;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>The limits one job runs under in its trainer process.</summary>
internal sealed record JobLimits(long MemoryBytes, TimeSpan TimeLimit, TimeSpan HeartbeatTimeout)
{
    /// <summary>Bytes as a person reads them: "4 GiB", "1.5 GiB", "512 MiB".</summary>
    public static string DescribeBytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture) + " MiB";
}
