using AIMass.Client;

namespace AIMass.Cli.Connection;

/// <summary>A connected client and whatever must be shut down after it (an embedded service, an HTTP client).</summary>
public sealed class ClientSession(IAIMassClient client, string description, int workerSlots, Func<ValueTask>? dispose = null) : IAsyncDisposable
{
    public IAIMassClient Client { get; } = client;

    /// <summary>In words: where the client points (for messages).</summary>
    public string Description { get; } = description;

    /// <summary>Training slots of an embedded service (0 when the service is remote and its size unknown).</summary>
    public int WorkerSlots { get; } = workerSlots;

    public ValueTask DisposeAsync() => dispose?.Invoke() ?? ValueTask.CompletedTask;
}
