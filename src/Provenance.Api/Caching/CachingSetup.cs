using System.ComponentModel.DataAnnotations;
using Provenance.Data;

namespace Provenance.Api.Caching;

public sealed class CachingOptions
{
    public const string Section = "Provenance:Caching";

    /// <summary>How often every cached revision text is rebuilt from its stored rows and checked against its SHA-256.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan VerifyEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound of the kept response bodies (<see cref="ResponseBodyCache"/>), in bytes.</summary>
    [Range(1L, long.MaxValue)]
    public long ResponseBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Upper bound of the validators kept (<see cref="Caching.KnownValidators"/>), in entries of a few hundred bytes.</summary>
    [Range(1L, long.MaxValue)]
    public long KnownValidators { get; set; } = 100_000;

    /// <summary>
    /// How long an anonymous read may be answered from the validator this instance last read, without asking the
    /// database (<see cref="Caching.KnownValidators"/>); zero asks on every read.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(1);
}

public static class CachingSetup
{
    public static IHostApplicationBuilder AddProvenanceCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RevisionTextVerifier>();
        builder.Services.AddSingleton<ResponseBodyCache>();
        builder.Services.AddSingleton<KnownValidators>();
        builder.Services.AddSingleton<Memento.MementoCache>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RevisionTextVerifier>());
        return builder;
    }

    /// <summary>
    /// Marks every request that may write as a write (<see cref="KnownValidators.Written"/>) before its answer starts, so
    /// the writer's next read, and any read begun after it, asks the database. Call first.
    /// </summary>
    public static WebApplication UseProvenanceCaching(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            {
                await next(http);
                return;
            }

            var known = http.RequestServices.GetRequiredService<KnownValidators>();
            http.Response.OnStarting(() =>
            {
                known.Written();
                return Task.CompletedTask;
            });
            try
            {
                await next(http);
            }
            finally
            {
                known.Written(); // also when no answer was started
            }
        });
        return app;
    }
}

/// <summary>
/// Re-checks the in-memory revision texts (<see cref="RevisionTextCache"/>) on a schedule, so a row damaged after
/// its text was cached is found, logged and evicted; the next read of it is then refused as without the cache.
/// </summary>
public sealed class RevisionTextVerifier(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<CachingOptions> options, TimeProvider time,
    ILogger<RevisionTextVerifier> logger) : BackgroundService
{
    /// <summary>One pass over the cached texts of this host's primary database; the ids of the damaged revisions.</summary>
    public async Task<IReadOnlyList<long>> VerifyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        return await RevisionTextCache.VerifyAsync(db, logger, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.VerifyEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await VerifyAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Verifying the cached revision texts failed; trying again in {Interval}", options.Value.VerifyEvery);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
