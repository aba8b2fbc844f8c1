using System.Globalization;
using System.Threading.RateLimiting;
using AIMass.Web.Configuration;
using AIMass.Web.Errors;
using Microsoft.Extensions.Options;

namespace AIMass.Web.Security;

/// <summary>
/// Limits key guessing per client address, before authentication: each request whose presented key is refused (401)
/// costs its address a token, and an address without tokens is answered 429 at once, without its key being verified (so no
/// tenant grain or storage is touched). Requests with a valid key never spend tokens; requests without a key are the
/// anonymous partition's business (<see cref="TenantRateLimiting"/>).
/// </summary>
public sealed class FailedAuthenticationLimiter(IOptionsMonitor<WebOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
    {
        var limits = options.CurrentValue.RateLimit;
        return RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.FailedAuthenticationBurst,
            TokensPerPeriod = limits.FailedAuthenticationsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    });

    /// <summary>The middleware: refuses a blocked address's keyed requests, and charges failures after the fact.</summary>
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var limits = options.CurrentValue.RateLimit;
        if (!limits.Enabled || !PresentsKey(context.Request))
        {
            await next();
            return;
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_limiter.GetStatistics(address) is { CurrentAvailablePermits: <= 0 })
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = Problems.Create(StatusCodes.Status429TooManyRequests,
                    $"Too many requests with keys that failed from this address: at most {limits.FailedAuthenticationsPerSecond.ToString(CultureInfo.InvariantCulture)} a second; retry after 1 s."),
            });
            return;
        }
        await next();
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            using var _ = _limiter.AttemptAcquire(address);
        }
    }

    public void Dispose() => _limiter.Dispose();

    private static bool PresentsKey(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey(ApiKeyAuthenticationOptions.HeaderName);
}
