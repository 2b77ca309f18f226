namespace Provenance.Api.Hosting;

/// <summary>
/// A client's mistake found deep in a handler (e.g. the importer), answered as a problem
/// document with <see cref="StatusCode"/> by <see cref="ProblemExceptionHandler"/>.
/// </summary>
public sealed class ProblemException(
    int statusCode,
    string title,
    string detail,
    IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ProblemException Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>A 422 whose <c>errors</c> name each invalid field, as validation problems do.</summary>
    public static ProblemException Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status422UnprocessableEntity, "Validation failed",
            string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemException NotFound(string what, long id) =>
        new(StatusCodes.Status404NotFound, "Not found", $"{what} {id} does not exist.");
}
