using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provenance.Api.Hosting;

namespace Provenance.Api.Tests.Hosting;

public sealed class ProblemExceptionHandlerTests
{
    private static async Task<(bool Handled, HttpContext Context, JsonElement? Body)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProvenanceProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = services.GetServices<IExceptionHandler>().OfType<ProblemExceptionHandler>().Single();
        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (handled, context, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_503_with_retry_after()
    {
        var down = new InvalidOperationException("EF Core wrapped it",
            new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));
        var (handled, context, body) = await HandleAsync(down);
        Assert.True(handled);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(503, body!.Value.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_server_shutting_down_is_503() =>
        Assert.Equal(503, (await HandleAsync(new DbUpdateException("save failed",
            new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")))).Context.Response.StatusCode);

    [Fact]
    public async Task A_constraint_violation_is_not_mistaken_for_an_outage() =>
        Assert.False((await HandleAsync(new DbUpdateException("save failed",
            new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)))).Handled);

    [Fact]
    public async Task A_client_mistake_keeps_its_status() =>
        Assert.Equal(422, (await HandleAsync(ProblemException.Validation("title", "title is required."))).Context.Response.StatusCode);
}
