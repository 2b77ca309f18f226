using System.Text.Json;

namespace Provenance.Text.Diff;

/// <summary>
/// Serializer options for diff and alignment results outside ASP.NET (which already uses the same web
/// defaults): camelCase names. Enums carry their own camelCase converters.
/// </summary>
public static class DiffJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    static DiffJson() => Options.MakeReadOnly(populateMissingResolver: true);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
