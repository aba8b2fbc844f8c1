using AIMass.Cli.Connection;
using AIMass.Client.Tenants;
using AIMass.Grains;

namespace AIMass.Client.Tests.Infrastructure;

/// <summary>
/// Connects the CLI to the shared in-process cluster over grains, as the requested tenant (created on first
/// use, as the embedded service does) or as admin.
/// </summary>
public sealed class FixtureConnector(GrainServiceFixture service) : IClientConnector
{
    public List<ConnectionRequest> Requests { get; } = [];

    public async Task<ClientSession> ConnectAsync(ConnectionRequest request, CancellationToken ct)
    {
        Requests.Add(request);
        if (request.Admin) return new ClientSession(service.Admin(), "test cluster", workerSlots: 2);
        try
        {
            await service.Admin().CreateTenantAsync(new NewTenant { TenantId = request.Tenant, DisplayName = request.Tenant }, ct);
        }
        catch (ServiceException e) when (e.Kind == ServiceErrorKind.Conflict)
        {
            // Created by an earlier command of the same test.
        }
        return new ClientSession(service.Tenant(request.Tenant), "test cluster", workerSlots: 2);
    }
}
