using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.LocalDatabase;
using Serilog;
using Serilog.Extensions.Logging;

namespace Provenance.Api.Hosting;

internal static class DatabaseSetup
{
    /// <summary>
    /// Uses <c>ConnectionStrings:Provenance</c> when set; otherwise starts (and on shutdown stops)
    /// a private PostgreSQL cluster from the machine's binaries.
    /// </summary>
    public static IHostApplicationBuilder AddProvenanceDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Provenance");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = builder.Configuration.GetSection(LocalPostgresOptions.Section).Get<LocalPostgresOptions>() ?? new LocalPostgresOptions();
            // The host's logging is not built yet; this one logger says where the cluster is.
            using var loggerFactory = new SerilogLoggerFactory(new LoggerConfiguration().WriteTo.Console().CreateLogger(), dispose: true);
            var logger = loggerFactory.CreateLogger("Provenance.LocalDatabase");
            LocalPostgresCluster cluster;
            try
            {
                cluster = LocalPostgresCluster.StartAsync(options, logger).GetAwaiter().GetResult();
            }
            catch (LocalPostgresException e)
            {
                // What to do is in the message (a folder in use, binaries missing); a stack trace adds nothing.
                logger.LogCritical("Not starting: {Reason}", e.Message);
                loggerFactory.Dispose();
                Environment.Exit(1);
                throw; // not reached
            }

            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<LocalPostgresLifetime>();
            connectionString = cluster.ConnectionString();
        }

        // One data source (one connection pool, one set of prepared-statement settings) for the host;
        // the container disposes it, closing its idle connections, when the host stops.
        builder.Services.AddSingleton(_ => ProvenanceDatabase.CreateDataSource(connectionString));
        builder.Services.AddDbContextPool<ProvenanceDbContext>((services, o) =>
            o.UseProvenanceDatabase(services.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        // On a new database EF Core first queries a history table that is not there yet and logs
        // that as an error; creating it (if missing) first keeps a clean first start's log clean.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
        await db.Database.MigrateAsync();
    }
}

/// <summary>Stops the private cluster when the host stops, so no server outlives the service.</summary>
internal sealed class LocalPostgresLifetime(LocalPostgresCluster cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync();
}

internal sealed class DatabaseHealthCheck(ProvenanceDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("PostgreSQL answers.")
            : HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
}
