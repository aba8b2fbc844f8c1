namespace AIMass.Trainer.Worker;

/// <summary>This process's resident memory now and at its peak, from <c>/proc/self/status</c> (zero where there is none).</summary>
internal static class ProcessMemory
{
    public static (long Resident, long Peak) Read()
    {
        try
        {
            long resident = 0, peak = 0;
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            }
            return (resident, Math.Max(peak, resident));
        }
        catch (IOException)
        {
            return (Environment.WorkingSet, Environment.WorkingSet);
        }
    }

    private static long Kilobytes(string line)
    {
        var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
        return long.TryParse(digits, out var kb) ? kb * 1024 : 0;
    }
}
