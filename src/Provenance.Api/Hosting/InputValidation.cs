using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provenance.Api.Hosting;

/// <summary>
/// The one place that keeps text PostgreSQL cannot store out of the database: every query-string value (a NUL
/// or an unpaired surrogate is a 422 naming the parameter, before any endpoint runs) and every JSON string read
/// with the API's serializer options (<see cref="StorableStringConverter"/>, a 422 naming the field).
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

    public static ProblemException Unstorable(JsonException e)
    {
        var field = Field(e);
        return ProblemException.Validation(field, $"{field} contains a NUL character or an unpaired surrogate.");
    }
}

/// <summary>A JSON string holding a NUL or an unpaired surrogate (which has no UTF-8 form).</summary>
public sealed class UnstorableTextException() : JsonException("The string contains a NUL character or an unpaired surrogate.");

/// <summary>Reads strings as the default converter does, refusing text PostgreSQL cannot store; writes them unchanged.</summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // As the default converter: a number where a string belongs is the wrong JSON type.
            throw new JsonException($"Expected a string, found {reader.TokenType}.");
        }

        return Checked(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // The reader refuses an escaped lone surrogate (\ud800).
            throw new UnstorableTextException();
        }

        return Validation.IsStorableText(text) ? text : throw new UnstorableTextException();
    }
}
