namespace AIMass.Cli.Connection;

/// <summary>Opens a client session for a command (the real one starts services; tests substitute their own).</summary>
public interface IClientConnector
{
    Task<ClientSession> ConnectAsync(ConnectionRequest request, CancellationToken ct);
}
