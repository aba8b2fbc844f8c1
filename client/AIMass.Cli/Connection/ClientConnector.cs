using AIMass.Cli.Embedded;
using AIMass.Client;
using AIMass.Client.Grains;
using AIMass.Client.Http;

namespace AIMass.Cli.Connection;

/// <summary>The real connector: HTTP to <c>--server</c>, or an embedded in-process service.</summary>
public sealed class ClientConnector : IClientConnector
{
    public async Task<ClientSession> ConnectAsync(ConnectionRequest request, CancellationToken ct)
    {
        if (request.Server is { } server)
        {
            if (string.IsNullOrWhiteSpace(request.ApiKey))
            {
                throw CliException.Usage("--server needs --api-key KEY (or the AIMASS_API_KEY environment variable).");
            }
            var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new HttpAIMassClient(http, new AIMassClientOptions { BaseAddress = server, ApiKey = request.ApiKey });
            return new ClientSession(client, server.ToString(), workerSlots: 0, () =>
            {
                http.Dispose();
                return ValueTask.CompletedTask;
            });
        }

        EmbeddedService service;
        try
        {
            service = await EmbeddedService.StartAsync(request.DataDirectory, request.Devices, request.Verbose, ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw CliException.Usage($"The embedded service cannot start: {e.Message}");
        }
        try
        {
            if (!request.Admin) await service.EnsureTenantAsync(request.Tenant).ConfigureAwait(false);
            var options = new AIMassClientOptions
            {
                Transport = AIMassTransport.Grains,
                TenantId = request.Tenant,
                Admin = request.Admin,
                PollInterval = TimeSpan.FromMilliseconds(500),
            };
            return new ClientSession(new GrainAIMassClient(service.Grains, options, service.Staging), $"embedded service in {service.DataDirectory}",
                service.WorkerSlots, service.DisposeAsync);
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
