using AIMass.Grains.Hosting;

namespace AIMass.Grains.Tenants;

/// <summary>The list of all tenants, for admins.</summary>
public sealed class TenantDirectoryGrain(
    [PersistentState("directory", StorageNames.State)] IPersistentState<TenantDirectoryState> state) : Grain, ITenantDirectoryGrain
{
    public async Task RegisterAsync(string tenantId)
    {
        if (state.State.Tenants.Add(tenantId)) await state.WriteStateAsync();
    }

    public Task<bool> ContainsAsync(string tenantId) => Task.FromResult(state.State.Tenants.Contains(tenantId));

    public Task<string[]> ListAsync() => Task.FromResult(state.State.Tenants.ToArray());
}
