using AIMass.Grains.Hosting;
using AIMass.Grains.Scheduling;
using AIMass.Grains.Security;

namespace AIMass.Grains.Tenants;

/// <summary>A tenant: profile, hashed API keys, quotas, usage accounting and the index of its resources.</summary>
public sealed partial class TenantGrain(
    [PersistentState("tenant", StorageNames.State)] IPersistentState<TenantState> state,
    TimeProvider clock) : Grain, ITenantGrain
{
    private const int MaxKeys = 20;
    private const int MaxLabelLength = 100;
    private const int MaxRevokedKeysKept = 50;
    private bool? _blocked;

    private string TenantId => this.GetPrimaryKeyString();
    private TenantState S => state.State;

    public async Task<CreatedApiKey> CreateAsync(TenantCreateRequest request)
    {
        GrainKeys.ValidateTenantId(TenantId);
        if (S.Created) throw ServiceException.Conflict($"Tenant '{TenantId}' already exists.");
        var errors = request.Quotas.Validate().ToList();
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors.Add(new(null, "displayName", "is required"));
        if (!(request.Weight > 0 && request.Weight <= 1000)) errors.Add(new(null, "weight", "must be in (0, 1000]"));
        if (errors.Count > 0) throw ServiceException.Invalid($"Tenant '{TenantId}' is invalid: {string.Join("; ", errors)}", errors);

        S.Created = true;
        S.DisplayName = request.DisplayName.Trim();
        S.Weight = request.Weight;
        S.Quotas = request.Quotas;
        S.ShareMetaKnowledge = request.ShareMetaKnowledge;
        S.CreatedUtc = clock.GetUtcNow();
        S.Usage = new TenantUsage { Day = Today() };
        var key = AddKey("default");
        await state.WriteStateAsync();
        using (CallerContext.AsSystem())
        {
            await GrainFactory.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).RegisterAsync(TenantId);
        }
        await PushPolicyAsync(force: true);
        return key;
    }

    public Task<TenantInfo> GetAsync()
    {
        EnsureCreated();
        return Task.FromResult(ToInfo());
    }

    public Task<bool> ExistsAsync() => Task.FromResult(S.Created);

    public Task<bool> VerifyKeyAsync(string presentedKey)
    {
        if (!S.Created || !ApiKeyFormat.TryParse(presentedKey, out var tenant, out var keyId) || tenant != TenantId)
        {
            return Task.FromResult(false);
        }
        var hash = ApiKeyFormat.Hash(presentedKey);
        var stored = S.Keys.FirstOrDefault(k => k.KeyId == keyId && k.RevokedUtc is null);
        return Task.FromResult(stored is not null && ApiKeyFormat.HashEquals(stored.Hash, hash));
    }

    public async Task<CreatedApiKey> CreateKeyAsync(string label)
    {
        EnsureCreated();
        if (S.Keys.Count(k => k.RevokedUtc is null) >= MaxKeys)
        {
            throw new ServiceException(ServiceErrorKind.QuotaExceeded, $"Tenant '{TenantId}' already has {MaxKeys} active keys; revoke one first.");
        }
        label = string.IsNullOrWhiteSpace(label) ? "key" : label.Trim();
        if (label.Length > MaxLabelLength || label.Any(char.IsControl))
        {
            throw ServiceException.Invalid($"A key label has at most {MaxLabelLength} characters and no control characters.",
                [new FieldError(null, "label", $"at most {MaxLabelLength} printable characters")]);
        }
        var key = AddKey(label);
        await state.WriteStateAsync();
        return key;
    }

    public async Task<CreatedApiKey> RotateKeyAsync(string keyId)
    {
        EnsureCreated();
        var old = ActiveKey(keyId);
        old.RevokedUtc = clock.GetUtcNow();
        var key = AddKey(old.Label);
        await state.WriteStateAsync();
        return key;
    }

    public async Task RevokeKeyAsync(string keyId)
    {
        EnsureCreated();
        ActiveKey(keyId).RevokedUtc = clock.GetUtcNow();
        await state.WriteStateAsync();
    }

    public async Task<TenantInfo> SetQuotasAsync(TenantQuotas quotas)
    {
        EnsureCreated();
        var errors = quotas.Validate();
        if (errors.Count > 0) throw ServiceException.Invalid($"Quotas are invalid: {string.Join("; ", errors)}", errors);
        S.Quotas = quotas;
        await state.WriteStateAsync();
        await PushPolicyAsync(force: true);
        return ToInfo();
    }

    public async Task<TenantInfo> SetWeightAsync(double weight)
    {
        EnsureCreated();
        if (!(weight > 0 && weight <= 1000)) throw ServiceException.Invalid("Weight must be in (0, 1000].", [new(null, "weight", "must be in (0, 1000]")]);
        S.Weight = weight;
        await state.WriteStateAsync();
        await PushPolicyAsync(force: true);
        return ToInfo();
    }

    public Task<ResourceSummary[]> ListDatasetsAsync()
    {
        EnsureCreated();
        return Task.FromResult(S.Datasets.OrderBy(d => d.Value.CreatedUtc).Select(d => new ResourceSummary(d.Key, d.Value.Name, d.Value.CreatedUtc)).ToArray());
    }

    public Task<ResourceSummary[]> ListStudiesAsync()
    {
        EnsureCreated();
        return Task.FromResult(S.Studies.OrderBy(d => d.Value.CreatedUtc).Select(d => new ResourceSummary(d.Key, d.Value.Name, d.Value.CreatedUtc)).ToArray());
    }

    public async Task ReserveStorageAsync(string datasetId, string name, long bytes)
    {
        EnsureCreated();
        if (S.Usage.StoredBytes + bytes > S.Quotas.MaxStoredBytes)
        {
            throw new ServiceException(ServiceErrorKind.QuotaExceeded,
                $"Storage quota exceeded: {S.Usage.StoredBytes + bytes} bytes would be stored, the limit is {S.Quotas.MaxStoredBytes}.");
        }
        if (!S.Datasets.ContainsKey(datasetId) && S.Datasets.Count >= S.Quotas.MaxDatasets)
        {
            throw new ServiceException(ServiceErrorKind.QuotaExceeded,
                $"Data set quota reached: tenant '{TenantId}' already has {S.Datasets.Count} data sets (limit {S.Quotas.MaxDatasets}).");
        }
        if (!S.Datasets.TryGetValue(datasetId, out var entry))
        {
            entry = new IndexedResource { Name = name, CreatedUtc = clock.GetUtcNow() };
            S.Datasets[datasetId] = entry;
        }
        entry.Bytes += bytes;
        S.Usage = S.Usage with { StoredBytes = S.Usage.StoredBytes + bytes };
        await state.WriteStateAsync();
    }

    public async Task ReleaseStorageAsync(string datasetId, long bytes)
    {
        EnsureCreated();
        S.Datasets.Remove(datasetId);
        S.Usage = S.Usage with { StoredBytes = Math.Max(0, S.Usage.StoredBytes - bytes) };
        await state.WriteStateAsync();
    }

    public async Task SyncStorageAsync(string datasetId, string name, long bytes)
    {
        if (!S.Created) return;
        bytes = Math.Max(0, bytes);
        var counted = S.Datasets.GetValueOrDefault(datasetId)?.Bytes ?? 0;
        if (bytes == counted && (bytes > 0) == S.Datasets.ContainsKey(datasetId)) return;
        if (bytes == 0) S.Datasets.Remove(datasetId);
        else if (S.Datasets.TryGetValue(datasetId, out var entry)) entry.Bytes = bytes;
        else S.Datasets[datasetId] = new IndexedResource { Name = name, CreatedUtc = clock.GetUtcNow(), Bytes = bytes };
        S.Usage = S.Usage with { StoredBytes = Math.Max(0, S.Usage.StoredBytes + bytes - counted) };
        await state.WriteStateAsync();
    }

    public async Task ReserveStudyAsync(string studyId, string name)
    {
        EnsureCreated();
        var active = S.Studies.Count(s => s.Value.Active);
        if (active >= S.Quotas.MaxActiveStudies)
        {
            throw new ServiceException(ServiceErrorKind.QuotaExceeded,
                $"Active-study quota reached: tenant '{TenantId}' already has {active} active studies (limit {S.Quotas.MaxActiveStudies}).");
        }
        if (S.Studies.Count >= S.Quotas.MaxStudies)
        {
            throw new ServiceException(ServiceErrorKind.QuotaExceeded,
                $"Study quota reached: tenant '{TenantId}' has created {S.Studies.Count} studies (limit {S.Quotas.MaxStudies}).");
        }
        S.Studies[studyId] = new IndexedResource { Name = name, CreatedUtc = clock.GetUtcNow(), Active = true };
        S.Usage = S.Usage with { ActiveStudies = active + 1 };
        await state.WriteStateAsync();
    }

    public async Task ReleaseStudyAsync(string studyId)
    {
        EnsureCreated();
        if (S.Studies.TryGetValue(studyId, out var entry) && entry.Active)
        {
            entry.Active = false;
            S.Usage = S.Usage with { ActiveStudies = S.Studies.Count(s => s.Value.Active) };
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> ForgetStudyAsync(string studyId)
    {
        EnsureCreated();
        if (!S.Studies.Remove(studyId, out var entry)) return false;
        S.Usage = S.Usage with
        {
            ActiveStudies = S.Studies.Count(s => s.Value.Active),
            StoredBytes = Math.Max(0, S.Usage.StoredBytes - entry.Bytes),
        };
        await state.WriteStateAsync();
        return true;
    }

    public async Task<string?> ChargeModelStorageAsync(string studyId, long bytes)
    {
        EnsureCreated();
        bytes = Math.Max(0, bytes);
        if (S.Usage.StoredBytes + bytes > S.Quotas.MaxStoredBytes)
        {
            return $"storage quota exceeded: {S.Usage.StoredBytes} bytes used of the tenant's limit of {S.Quotas.MaxStoredBytes}, and this model needs {bytes}";
        }
        // A study deleted meanwhile has given its bytes back already: its late model is not counted (its folder is gone).
        if (bytes == 0 || !S.Studies.TryGetValue(studyId, out var entry)) return null;
        entry.Bytes += bytes;
        S.Usage = S.Usage with { StoredBytes = S.Usage.StoredBytes + bytes };
        await state.WriteStateAsync();
        return null;
    }

    public async Task<bool> AddComputeAsync(double seconds)
    {
        EnsureCreated();
        RollDay();
        S.Usage = S.Usage with
        {
            ComputeSecondsToday = S.Usage.ComputeSecondsToday + Math.Max(0, seconds),
            ComputeSecondsTotal = S.Usage.ComputeSecondsTotal + Math.Max(0, seconds),
            TrialsRun = S.Usage.TrialsRun + 1,
        };
        await state.WriteStateAsync();
        await PushPolicyAsync(force: false);
        return HasComputeLeft();
    }

    public async Task<bool> ChargeComputeAsync(double seconds)
    {
        EnsureCreated();
        RollDay();
        var charge = double.IsFinite(seconds) ? Math.Max(0, seconds) : 0;
        S.Usage = S.Usage with
        {
            ComputeSecondsToday = S.Usage.ComputeSecondsToday + charge,
            ComputeSecondsTotal = S.Usage.ComputeSecondsTotal + charge,
        };
        await state.WriteStateAsync();
        await PushPolicyAsync(force: false);
        return HasComputeLeft();
    }

    public async Task<bool> HasComputeLeftAsync()
    {
        EnsureCreated();
        if (RollDay()) await state.WriteStateAsync();
        await PushPolicyAsync(force: false);
        return HasComputeLeft();
    }

    public async Task PublishPolicyAsync()
    {
        if (!S.Created) return;
        RollDay();
        await PushPolicyAsync(force: true);
    }

    private bool HasComputeLeft() => S.Usage.ComputeSecondsToday < S.Quotas.MaxComputeSecondsPerDay;

    /// <summary>Tells the scheduler this tenant's weight, concurrency limit and whether it is blocked.</summary>
    private async Task PushPolicyAsync(bool force)
    {
        var blocked = !HasComputeLeft();
        if (!force && _blocked == blocked) return;
        _blocked = blocked;
        var reason = blocked
            ? $"daily compute quota of {S.Quotas.MaxComputeSecondsPerDay:0} s is spent ({S.Usage.ComputeSecondsToday:0} s used today)"
            : null;
        using (CallerContext.AsSystem())
        {
            await GrainFactory.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key)
                .SetTenantPolicyAsync(TenantId, S.Weight, S.Quotas.MaxConcurrentTrials, reason);
        }
    }

    private bool RollDay()
    {
        var today = Today();
        if (S.Usage.Day == today) return false;
        S.Usage = S.Usage with { Day = today, ComputeSecondsToday = 0 };
        return true;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private CreatedApiKey AddKey(string label)
    {
        // Revoked keys are kept for the key list's history, the most recent few only.
        var revoked = S.Keys.Where(k => k.RevokedUtc is not null).OrderByDescending(k => k.RevokedUtc).Skip(MaxRevokedKeysKept).ToHashSet();
        S.Keys.RemoveAll(revoked.Contains);
        var (keyId, secret) = ApiKeyFormat.Create(TenantId);
        S.Keys.Add(new StoredApiKey
        {
            KeyId = keyId,
            Label = label,
            Hash = ApiKeyFormat.Hash(secret),
            Prefix = ApiKeyFormat.Prefix(secret),
            CreatedUtc = clock.GetUtcNow(),
        });
        return new CreatedApiKey(TenantId, keyId, secret);
    }

    private StoredApiKey ActiveKey(string keyId) =>
        S.Keys.FirstOrDefault(k => k.KeyId == keyId && k.RevokedUtc is null)
        ?? throw ServiceException.NotFound($"Active API key '{keyId}' of tenant '{TenantId}'");

    private void EnsureCreated()
    {
        if (!S.Created) throw ServiceException.NotFound($"Tenant '{TenantId}'");
    }

    private TenantInfo ToInfo() => new()
    {
        TenantId = TenantId,
        DisplayName = S.DisplayName,
        Weight = S.Weight,
        Quotas = S.Quotas,
        Usage = S.Usage,
        ApiKeys = S.Keys.Select(k => k.ToInfo()).ToArray(),
        CreatedUtc = S.CreatedUtc,
        ShareMetaKnowledge = S.ShareMetaKnowledge,
    };
}
