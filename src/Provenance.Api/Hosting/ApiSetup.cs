using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Events;

namespace Provenance.Api.Hosting;

internal static class ApiSetup
{
    /// <summary>
    /// Writes every script as itself (UTF-8), not as \uXXXX escapes: a Cyrillic original is then a third of the bytes
    /// and readable in the raw JSON. HTML-sensitive characters (&lt; &gt; &amp; ') are still escaped.
    /// </summary>
    public static JavaScriptEncoder TextEncoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static IHostApplicationBuilder AddProvenanceApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProvenanceProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Encoder = TextEncoder;
        });
        // A body or parameter that does not bind reaches ProblemExceptionHandler, which names it (outside
        // Development minimal APIs would otherwise answer a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProvenanceOpenApi();
        return builder;
    }

    public static WebApplication UseProvenancePipeline(this WebApplication app)
    {
        app.UseProvenanceSecurityHeaders();
        // Request logging outside the exception handler, so it logs the status the client got.
        app.UseSerilogRequestLogging(o => o.GetLevel = RequestLogLevel(app.Environment.IsDevelopment()));
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseProvenanceQueryValidation();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Outside Development a successful read is a Debug event: at the shipped Information level one JSON
    /// line per read cost CPU under load. Writes, 4xx and errors stay visible.
    /// </summary>
    internal static Func<HttpContext, double, Exception?, LogEventLevel> RequestLogLevel(bool development) =>
        (http, _, exception) => exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
            : !development && http.Response.StatusCode < 400 && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                ? LogEventLevel.Debug
                : LogEventLevel.Information;

    public static WebApplication MapOperationsEndpoints(this WebApplication app)
    {
        // Always open, even when reads require a key: probes and API readers need them first.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/reference").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
