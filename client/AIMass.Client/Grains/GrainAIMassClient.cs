using System.Security.Cryptography;
using AIMass.Client.Studies;
using AIMass.Grains;
using AIMass.Grains.Datasets;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using Orleans.Runtime;

namespace AIMass.Client.Grains;

/// <summary>
/// <see cref="IAIMassClient"/> straight over grains, for trusted services inside the cluster (a silo host or an
/// Orleans client). Every call carries the declared caller: <see cref="AIMassClientOptions.Admin"/> calls as an
/// administrator, otherwise as tenant <see cref="AIMassClientOptions.TenantId"/>; the silos' isolation filter
/// enforces what that caller may touch, exactly as for HTTP callers.
/// </summary>
public sealed partial class GrainAIMassClient : IAIMassClient
{
    private readonly IGrainFactory _grains;
    private readonly AIMassClientOptions _options;
    private readonly IDatasetStaging? _staging;

    /// <param name="grains">The cluster's grains (a silo host's or an Orleans client's).</param>
    /// <param name="options">Who calls (a tenant or the admin).</param>
    /// <param name="staging">
    /// Where uploads stream before the data set grain takes them (the host's <see cref="IDatasetStaging"/>); without it,
    /// everything but uploads works.
    /// </param>
    public GrainAIMassClient(IGrainFactory grains, AIMassClientOptions options, IDatasetStaging? staging = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _grains = grains;
        _options = options;
        _staging = staging;
    }

    /// <summary>The identity every call carries.</summary>
    public Caller Caller => _options.Admin ? Caller.Admin : Caller.ForTenant(_options.TenantId!);

    public Task<StudyInfo> WaitForCompletionAsync(string studyId, IProgress<StudyProgress>? progress = null, CancellationToken ct = default) =>
        StudyPolling.WaitAsync(
            c => GetStudyAsync(studyId, c),
            c => GetTrialsAsync(studyId, c),
            IsTransient,
            progress,
            _options.PollInterval,
            _options.MaxTransientFailures,
            ct);

    /// <summary>Failures worth retrying while polling: a silo or gateway that went away, a call that timed out.</summary>
    public static bool IsTransient(Exception e) => e is SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException
        or OrleansMessageRejectionException;

    /// <summary>Runs a grain call as the configured caller, observing cancellation between calls.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct, Caller? caller = null)
    {
        ct.ThrowIfCancellationRequested();
        using var _ = CallerContext.Use(caller ?? Caller);
        return await call().WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task CallAsync(Func<Task> call, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var _ = CallerContext.Use(Caller);
        await call().WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The tenant whose resources the calls address.</summary>
    private string Tenant => _options.TenantId
        ?? throw new ServiceException(ServiceErrorKind.Invalid,
            "This client has no TenantId: set AIMassClientOptions.TenantId to address a tenant's data sets and studies.");

    private string Scoped(string id, string what) => GrainKeys.Scoped(Tenant, GrainKeys.ValidateId(id, what));

    /// <summary>A study id for a study created without one: <c>study-yyyyMMdd-HHmmss-xxxx</c>.</summary>
    internal static string NewStudyId() =>
        $"study-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
}
