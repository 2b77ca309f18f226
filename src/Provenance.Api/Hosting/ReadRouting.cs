using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using NpgsqlTypes;
using Provenance.Data;

namespace Provenance.Api.Hosting;

/// <summary>Which server this request's <see cref="ProvenanceDbContext"/> talks to; decided before anything resolves it.</summary>
public sealed class ReadRoute
{
    public bool UseStandby { get; set; }
}

/// <summary>
/// Read routing to a hot standby (docs/scaling.md). With <c>ConnectionStrings:ProvenanceReplica</c> set, anonymous
/// GET and HEAD requests under <c>/api/</c> read from the standby; writes, keyed requests and the reads of a client
/// whose last write the standby has not replayed yet read from the primary. A write answers with the primary's
/// WAL position after it (<see cref="LsnHeader"/> header and cookie); the client sends it back, and the standby
/// serves it again once <c>pg_last_wal_replay_lsn()</c> has reached it. A standby that fails a read is left alone
/// for a while and the read is answered by the primary.
/// </summary>
public static class ReadRouting
{
    public const string LsnHeader = "Provenance-Lsn";
    public const string LsnCookie = "provenance-lsn";
    /// <summary>Which server answered a routed read: <c>standby</c> or <c>primary</c>.</summary>
    public const string SourceHeader = "Provenance-Read-Source";

    public static IHostApplicationBuilder AddProvenanceReadReplica(this IHostApplicationBuilder builder)
    {
        var replica = builder.Configuration.GetConnectionString("ProvenanceReplica");
        if (string.IsNullOrWhiteSpace(replica))
        {
            return builder;
        }

        var options = builder.Configuration.GetSection(ReadReplicaOptions.Section).Get<ReadReplicaOptions>() ?? new ReadReplicaOptions();
        var settings = new NpgsqlConnectionStringBuilder(replica);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = replica };
        if (!given.ContainsKey("Timeout"))
        {
            settings.Timeout = 3; // a standby that does not answer falls back to the primary quickly
        }

        builder.Services.AddSingleton(services => new ReadReplica(
            ProvenanceDatabase.CreateDataSource(settings.ConnectionString), services.GetRequiredService<NpgsqlDataSource>(), options,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<ReadReplica>>()));
        builder.Services.AddScoped<ReadRoute>();
        builder.Services.AddSingleton(services =>
        {
            var primary = new PooledDbContextFactory<ProvenanceDbContext>(services.GetRequiredService<DbContextOptions<ProvenanceDbContext>>());
            // Both pools use the primary's model instance: EF's compiled queries run only on the model they were compiled on.
            IModel model;
            using (var probe = primary.CreateDbContext())
            {
                model = probe.Model;
            }

            var standby = new DbContextOptionsBuilder<ProvenanceDbContext>();
            standby.UseProvenanceDatabase(services.GetRequiredService<ReadReplica>().Standby).UseModel(model);
            return new ContextPools(primary, new PooledDbContextFactory<ProvenanceDbContext>(standby.Options));
        });
        // The request's one context comes from the primary's pool or the standby's, as its route says.
        builder.Services.Replace(ServiceDescriptor.Scoped(services =>
        {
            var pools = services.GetRequiredService<ContextPools>();
            return (services.GetRequiredService<ReadRoute>().UseStandby ? pools.Standby : pools.Primary).CreateDbContext();
        }));
        return builder;
    }

    /// <summary>Decides the route; call before authentication, whose key lookup is the first use of the context.</summary>
    public static WebApplication UseProvenanceReadRouting(this WebApplication app)
    {
        // Asks the configuration, not the container: building ReadReplica resolves the app role's data source,
        // which exists only once start-up has migrated the database.
        if (string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString("ProvenanceReplica")))
        {
            return app;
        }

        app.Use(async (http, next) =>
        {
            var replica = http.RequestServices.GetRequiredService<ReadReplica>();
            var request = http.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                http.Response.OnStarting(async () =>
                {
                    if (http.Response.StatusCode < 400)
                    {
                        var lsn = (await replica.PrimaryLsnAsync(CancellationToken.None)).ToString();
                        http.Response.Headers[LsnHeader] = lsn;
                        http.Response.Cookies.Append(LsnCookie, lsn, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
                    }
                });
                await next(http);
                return;
            }

            if (IsStandbyRead(request))
            {
                var standby = await replica.CanServeAsync(ClientLsn(request), http.RequestAborted);
                http.RequestServices.GetRequiredService<ReadRoute>().UseStandby = standby;
                http.Response.Headers[SourceHeader] = standby ? "standby" : "primary";
            }

            await next(http);
        });
        return app;
    }

    /// <summary>
    /// Answers from the primary a read the standby failed (it went down mid-request); call after authentication,
    /// inside the exception handler. The request runs again in a new scope, whose context is the primary's.
    /// </summary>
    public static WebApplication UseReadReplicaFallback(this WebApplication app)
    {
        // Asks the configuration, not the container: building ReadReplica resolves the app role's data source,
        // which exists only once start-up has migrated the database.
        if (string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString("ProvenanceReplica")))
        {
            return app;
        }

        app.Use(async (http, next) =>
        {
            if (!http.RequestServices.GetRequiredService<ReadRoute>().UseStandby)
            {
                await next(http);
                return;
            }

            try
            {
                await next(http);
            }
            catch (Exception e) when (ReadReplica.IsUnavailable(e) && !http.Response.HasStarted)
            {
                http.RequestServices.GetRequiredService<ReadReplica>().MarkDown(e);
                var services = http.RequestServices;
                await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                http.RequestServices = scope.ServiceProvider;
                try
                {
                    http.Response.Clear();
                    http.Response.Headers[SourceHeader] = "primary";
                    await next(http);
                }
                finally
                {
                    http.RequestServices = services;
                }
            }
        });
        return app;
    }

    private static bool IsStandbyRead(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        // Who holds a key, and whether it still works, is answered by the primary: a revoked key stops at once.
        && request.Headers.Authorization.Count == 0
        && !request.Path.StartsWithSegments("/api/keys", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/api/me", StringComparison.OrdinalIgnoreCase);

    /// <summary>The position of the client's last write it sent back (<see cref="LsnHeader"/> header or cookie), if any.</summary>
    public static NpgsqlLogSequenceNumber? ClientLsn(HttpRequest request)
    {
        var value = request.Headers[LsnHeader].FirstOrDefault() ?? request.Cookies[LsnCookie];
        return value is not null && NpgsqlLogSequenceNumber.TryParse(value, out var lsn) ? lsn : null;
    }

    private sealed record ContextPools(PooledDbContextFactory<ProvenanceDbContext> Primary, PooledDbContextFactory<ProvenanceDbContext> Standby);
}
