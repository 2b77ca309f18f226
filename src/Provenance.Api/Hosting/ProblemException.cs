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
        new(StatusCodes.Status422UnprocessableEntity, "Validation failed", $"{field}: {message}",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ProblemException NotFound(string what, long id) =>
        new(StatusCodes.Status404NotFound, "Not found", $"{what} {id} does not exist.");
}
