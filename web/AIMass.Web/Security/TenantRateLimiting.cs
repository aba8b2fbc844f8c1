using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using AIMass.Web.Configuration;
using AIMass.Web.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AIMass.Web.Security;

/// <summary>The API's rate limiter: one token bucket per tenant (the admin has its own), sized by <see cref="TenantRateLimitOptions"/>.</summary>
public static class TenantRateLimiting
{
    /// <summary>The policy name the API group requires.</summary>
    public const string Policy = "per-tenant";

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = OnRejectedAsync;
        options.AddPolicy(Policy, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<WebOptions>>().CurrentValue.RateLimit;
            if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
            var partition = PartitionOf(context.User);
            return RateLimitPartition.GetTokenBucketLimiter(partition, key => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.BurstFor(key),
                TokensPerPeriod = limits.PermitsFor(key),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = limits.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        });
    }

    /// <summary>The bucket a request draws from: its tenant, <c>admin</c>, or <c>anonymous</c>.</summary>
    public static string PartitionOf(ClaimsPrincipal user) => user.Identity() switch
    {
        { IsAdmin: true } => "admin",
        { Caller.TenantId: { } tenant } => tenant,
        _ => "anonymous",
    };

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<WebOptions>>().CurrentValue.RateLimit;
        var partition = PartitionOf(http.User);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = Problems.Create(StatusCodes.Status429TooManyRequests,
                $"Rate limit exceeded for '{partition}': at most {limits.PermitsFor(partition)} requests a second " +
                $"(bursts of {limits.BurstFor(partition)}); retry after {seconds} s."),
        });
    }
}
