using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// One token bucket per caller subject over every bearer-token RPC; an empty bucket answers <c>RESOURCE_EXHAUSTED</c>
/// at once (no queue), so a busy caller is refused instead of slowing the others. Anonymous and agent RPCs are not limited here.
/// </summary>
internal static class CallerRateLimiter
{
    public static void Configure(RateLimiterOptions limiter, CallerRateLimitOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!options.Enabled || RpcAccessRequirement.MethodOf(context) is not { } method
                || RpcAccessRules.Find(method)?.Access != RpcAccess.Bearer
                || CallerContext.FromPrincipal(context.User) is not { } caller)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            return RateLimitPartition.GetTokenBucketLimiter("caller:" + caller.Subject, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = options.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = async (rejected, _) =>
        {
            var http = rejected.HttpContext;
            var subject = CallerContext.FromPrincipal(http.User)?.Subject ?? "(none)";
            http.RequestServices.GetRequiredService<IdentityLog>().RateLimited(subject, RpcAccessRequirement.MethodOf(http) ?? http.Request.Path.Value ?? string.Empty);
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            var message = $"this caller's request limit ({options.PerSecond}/s, burst {options.Burst}) is used up; retry in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s";
            if (GrpcStatusResponse.IsGrpc(http))
            {
                await GrpcStatusResponse.WriteAsync(http, StatusCode.ResourceExhausted, message);
            }
            else
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }
        };
    }
}
