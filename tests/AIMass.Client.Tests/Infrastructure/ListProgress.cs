namespace AIMass.Client.Tests.Infrastructure;

/// <summary>Collects progress reports synchronously (thread-safe).</summary>
public sealed class ListProgress<T>(List<T> reports) : IProgress<T>
{
    public void Report(T value)
    {
        lock (reports) reports.Add(value);
    }
}
