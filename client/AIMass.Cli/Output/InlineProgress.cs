namespace AIMass.Cli.Output;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler at once on the reporting thread (no posting).</summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
