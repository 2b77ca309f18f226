using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Provenance.Api.Hosting;

/// <summary>
/// Maps the few exceptions that mean "the client's mistake" to problem documents, and a database
/// that is down or restarting to 503 with Retry-After; the rest stay 500s.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => FromProblemException(p),
            // A body bound by minimal APIs whose string field holds a lone surrogate: a field error like any other.
            BadHttpRequestException { InnerException: JsonException j } when InputValidation.IsUndecodableString(j) =>
                FromProblemException(InputValidation.Unstorable(j)),
            BadHttpRequestException b => Problem(b.StatusCode, "Bad request", b.Message),
            JsonException j => Problem(StatusCodes.Status400BadRequest, "Malformed JSON", j.Message),
            _ when IsDatabaseUnavailable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                "PostgreSQL is not answering; nothing was changed. Try again shortly."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// A connection that failed or was cut, or a server shutting down, starting or out of
    /// connections (Npgsql's transient errors), anywhere in the chain EF Core wraps it in.
    /// </summary>
    private static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException npgsql)
            {
                return npgsql.IsTransient;
            }
        }

        return false;
    }

    private static ProblemDetails FromProblemException(ProblemException p) => Problem(p.StatusCode, p.Title, p.Message, p.Extensions);

    private static ProblemDetails Problem(int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}

internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddProvenanceProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id
                ?? ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
