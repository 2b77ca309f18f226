using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Provenance.Api.Auth;

namespace Provenance.Api.Editing;

/// <summary>
/// A fixed window of writes per API key. Writes are authorized first, so only a valid key's
/// requests count, and a client cannot exhaust another key's allowance. Diff previews, open to anyone,
/// get their own budget (per address without a key, per key with one) and a cap on how many run at once.
/// </summary>
public static class WriteRateLimiting
{
    /// <summary>The rate-limiting policy every write endpoint requires.</summary>
    public const string Policy = "writes";

    /// <summary>The endpoint name of the diff preview (<c>POST /api/diff</c>), which the global limiter and deadline apply to.</summary>
    public const string DiffPreviewEndpoint = "DiffTexts";

    public static IServiceCollection AddProvenanceWriteRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http =>
            {
                var limits = Limits(http);
                return RateLimitPartition.GetFixedWindowLimiter(Client(http), _ => Window(limits.WritesPerMinute, limits));
            });
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                {
                    if (!IsDiffPreview(http))
                    {
                        return RateLimitPartition.GetNoLimiter("");
                    }

                    var limits = Limits(http);
                    var client = Client(http);
                    var keyed = !client.StartsWith("anonymous:", StringComparison.Ordinal);
                    return RateLimitPartition.GetFixedWindowLimiter("diff:" + client,
                        _ => Window(keyed ? limits.KeyedDiffsPerMinute : limits.AnonymousDiffsPerMinute, limits));
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsDiffPreview(http)
                    ? RateLimitPartition.GetConcurrencyLimiter("diff-concurrency",
                        _ => new ConcurrencyLimiterOptions { PermitLimit = Limits(http).DiffConcurrency, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>
    /// Rate limiting runs after authorization, so it can count per API key; the diff preview's deadline
    /// cancels its request (reading the body included) after <see cref="RateLimitOptions.DiffTimeoutSeconds"/>
    /// unless its answer has begun.
    /// </summary>
    public static WebApplication UseProvenanceWriteRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use(async (http, next) =>
        {
            if (!IsDiffPreview(http))
            {
                await next(http);
                return;
            }

            var seconds = Limits(http).DiffTimeoutSeconds;
            var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            http.Response.RegisterForDispose(deadline); // after the answer, which may start after this returns
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
            // The deadline bounds the work before the answer; an answer once begun (at most a page) is sent whole,
            // never cut off part-way.
            http.Response.OnStarting(() =>
            {
                deadline.CancelAfter(Timeout.InfiniteTimeSpan);
                return Task.CompletedTask;
            });
            var aborted = http.RequestAborted;
            http.RequestAborted = deadline.Token;
            try
            {
                await next(http);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested && !http.Response.HasStarted)
            {
                http.Response.Clear();
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "Diff took too long",
                    $"A diff preview is answered within {seconds} s; this one was stopped. Send smaller texts or a coarser granularity.");
            }
        });
        return app;
    }

    private static bool IsDiffPreview(HttpContext http) =>
        string.Equals(http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, DiffPreviewEndpoint, StringComparison.Ordinal);

    private static RateLimitOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string Client(HttpContext http) =>
        http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "anonymous:" + http.Connection.RemoteIpAddress;

    private static FixedWindowRateLimiterOptions Window(int permits, RateLimitOptions limits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromSeconds(limits.WindowSeconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        // A concurrency limiter gives no retry time: a slot frees within one request's deadline.
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : IsDiffPreview(http) ? 1 : Limits(http).WindowSeconds;
        seconds = Math.Max(1, seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await WriteProblemAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", IsDiffPreview(http)
            ? $"This client has used its diff preview allowance, or too many previews are running; retry after {seconds} s."
            : $"This key has used its write allowance; retry after {seconds} s.");
    }

    private static ValueTask WriteProblemAsync(HttpContext http, int status, string title, string detail) =>
        http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
}
