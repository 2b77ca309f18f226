using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Provenance.Api.Hosting;

namespace Provenance.Api.Editing;

/// <summary>
/// Reads a write request's JSON body with a size limit: too large is 413, not JSON is 400,
/// a field of the wrong type is 422 naming the field. Minimal API binding cannot tell those apart.
/// </summary>
public static class JsonBody
{
    /// <summary>The body of a write to a document or translation: 404 when it does not exist, answered before the body is read.</summary>
    public static async Task<T> ReadForAsync<T>(HttpRequest request, Task<bool> exists, string resource, long id, long maxBytes, CancellationToken ct)
        where T : class =>
        await exists ? await ReadAsync<T>(request, maxBytes, ct) : throw ProblemException.NotFound(resource, id);

    public static async Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new ProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The body must be JSON, sent with Content-Type: application/json.");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge($"The body is {request.ContentLength} bytes; at most {maxBytes} are accepted.");
        }

        // Kestrel enforces this on bodies without Content-Length (answering 413 as a BadHttpRequestException).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException e)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object.");
            }

            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            try
            {
                return document.Deserialize<T>(options)
                    ?? throw new ProblemException(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object.");
            }
            catch (JsonException e) when (InputValidation.IsUndecodableString(e))
            {
                throw InputValidation.Unstorable(e);
            }
            catch (JsonException e)
            {
                throw WrongType(e);
            }
        }
    }

    /// <summary>A field of the wrong JSON type in well-formed JSON: 422 naming the field (JSONPath without <c>$.</c>).</summary>
    public static ProblemException WrongType(JsonException e)
    {
        var field = InputValidation.Field(e);
        return ProblemException.Validation(field, $"{field} has the wrong JSON type.");
    }

    public static ProblemException TooLarge(string detail) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);
}
