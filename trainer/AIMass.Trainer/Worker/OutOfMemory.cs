using System.Runtime.InteropServices;

namespace AIMass.Trainer.Worker;

/// <summary>Tells an allocation failure (the job needs more memory than its limit) from any other error.</summary>
internal static class OutOfMemory
{
    public static bool Caused(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is OutOfMemoryException) return true;
            if (current is ExternalException or InvalidOperationException &&
                (current.Message.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase)
                 || current.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
                 || current.Message.Contains("std::bad_alloc", StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }
}
