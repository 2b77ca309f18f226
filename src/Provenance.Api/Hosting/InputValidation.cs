using System.Text.Json;

namespace Provenance.Api.Hosting;

/// <summary>
/// Text PostgreSQL cannot store (a NUL, an unpaired surrogate) kept out in few places: every query-string value
/// here (a 400 validation problem naming the parameter, as listings answer, before any endpoint runs); every body
/// field through <see cref="Validation"/>; and a JSON string the reader cannot even decode, wherever the body is
/// read (<see cref="JsonBody"/> or minimal-API binding, via <see cref="ProblemExceptionHandler"/>), a 422 naming it.
/// </summary>
public static class InputValidation
{
    public static WebApplication UseProvenanceQueryValidation(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            Dictionary<string, string[]>? errors = null;
            foreach (var (name, values) in http.Request.Query)
            {
                if (!Validation.IsStorableText(name) || values.Any(v => v is not null && !Validation.IsStorableText(v)))
                {
                    var field = Validation.IsStorableText(name) ? name : "query";
                    (errors ??= new(StringComparer.Ordinal))[field] = [$"{field} contains a NUL character or an unpaired surrogate."];
                }
            }

            if (errors is null)
            {
                await next(http);
                return;
            }

            await TypedResults.ValidationProblem(errors).ExecuteAsync(http);
        });
        return app;
    }

    /// <summary>The field a JSON error points at (its JSONPath without <c>$.</c>), or <c>body</c>.</summary>
    public static string Field(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;

    /// <summary>
    /// A JSON string the reader could not decode: an escaped lone surrogate (<c>"\ud800"</c>), which has no UTF-8 form.
    /// System.Text.Json wraps the reader's <see cref="InvalidOperationException"/> in a <see cref="JsonException"/> with the path.
    /// </summary>
    public static bool IsUndecodableString(JsonException e) => e.InnerException is InvalidOperationException;

    /// <summary>The 422 a text PostgreSQL cannot store gets, the same message <see cref="Validation"/> gives.</summary>
    public static ProblemException Unstorable(JsonException e)
    {
        var field = Field(e);
        return ProblemException.Validation(field, $"{field} contains a NUL character or an unpaired surrogate.");
    }
}
