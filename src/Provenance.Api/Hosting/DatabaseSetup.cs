using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Provenance.Api.Audit;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.LocalDatabase;
using Serilog;
using Serilog.Extensions.Logging;

namespace Provenance.Api.Hosting;

/// <summary>
/// The two connections of the service: the owner's (<c>ConnectionStrings:Provenance</c> or the private cluster's), which
/// creates the database if missing and migrates it, and the restricted app role's, which serves every request
/// (set by <see cref="DatabaseSetup.MigrateDatabaseAsync"/>, before anything else touches the database).
/// </summary>
public sealed class DatabaseConnections(string owner)
{
    public string Owner { get; } = owner;

    public string? App { get; internal set; }

    public string AppOrThrow => App ?? throw new InvalidOperationException("The database is used before start-up prepared it (MigrateDatabaseAsync).");
}

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

        builder.Services.AddSingleton(new DatabaseConnections(connectionString));
        // One data source (one connection pool, one set of prepared-statement settings) for the host, as the
        // app role; the container disposes it, closing its idle connections, when the host stops.
        builder.Services.AddSingleton(services => ProvenanceDatabase.CreateDataSource(services.GetRequiredService<DatabaseConnections>().AppOrThrow));
        builder.Services.AddDbContextPool<ProvenanceDbContext>((services, o) =>
            o.UseProvenanceDatabase(services.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// As the owner: creates the database when it does not exist (as EF Core's Migrate would), applies the
    /// migrations, and sets up the restricted role the service then serves every request as (<see cref="AppRoleSetup"/>).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var connections = app.Services.GetRequiredService<DatabaseConnections>();
        await EnsureDatabaseExistsAsync(connections.Owner, app.Logger);
        var ownerOptions = new DbContextOptionsBuilder<ProvenanceDbContext>();
        ownerOptions.UseProvenanceDatabase(connections.Owner);
        await using (var db = new ProvenanceDbContext(ownerOptions.Options))
        {
            // On a new database EF Core first queries a history table that is not there yet and logs
            // that as an error; creating it (if missing) first keeps a clean first start's log clean.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
            await db.Database.MigrateAsync();
        }

        connections.App = await AppRoleSetup.PrepareAsync(connections.Owner, app.Configuration, app.Logger);
        // The owner's pooled connections are not needed again; close them.
        await using var owner = new NpgsqlConnection(connections.Owner);
        NpgsqlConnection.ClearPool(owner);
    }

    private static async Task EnsureDatabaseExistsAsync(string connectionString, Microsoft.Extensions.Logging.ILogger logger)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync();
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Created below.
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StartupException(
                $"Cannot connect to PostgreSQL at {settings.Host}:{settings.Port} as {settings.Username}: {e.Message} "
                + "Check ConnectionStrings:Provenance and that the server is running.");
        }

        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(settings.Database!);
        try
        {
            await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", server);
            await create.ExecuteNonQueryAsync();
            logger.LogInformation("Created database {Database} on {Host}:{Port}", settings.Database, settings.Host, settings.Port);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it meanwhile.
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StartupException(
                $"Database \"{settings.Database}\" does not exist on {settings.Host}:{settings.Port}, and {settings.Username} could not create it ({e.Message}). "
                + $"Create it as a role that may, e.g. psql -h {settings.Host} -p {settings.Port} -U postgres -c 'CREATE DATABASE {quoted} OWNER \"{settings.Username}\"', then start again.");
        }
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
