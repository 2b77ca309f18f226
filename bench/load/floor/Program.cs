using Npgsql;

// The floor under GET /api/documents/{id}: Kestrel, routing and one Npgsql query (the document validator's, prepared
// like the service's), answering a kept body of the same size. No middleware, no EF Core, no logging.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var settings = new NpgsqlConnectionStringBuilder(builder.Configuration["ConnectionString"]) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, NoResetOnClose = true };
var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
var body = new byte[int.Parse(builder.Configuration["BodyBytes"] ?? "1554")];
Array.Fill(body, (byte)' ');
var app = builder.Build();
app.MapGet("/documents/{id:long}", async (long id, CancellationToken ct) =>
{
    await using var command = dataSource.CreateCommand(
        "SELECT (SELECT coalesce(max(sequence), 0) FROM audit_events) WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)");
    command.Parameters.Add(new NpgsqlParameter { Value = id });
    return await command.ExecuteScalarAsync(ct) is long sequence
        ? Results.Bytes(body, "application/json", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"doc-{id}-a{sequence}\""))
        : Results.NotFound();
});
app.Run();
