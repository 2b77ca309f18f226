using System.Text.Json;

namespace Provenance.Text.Diff;

/// <summary>
/// Serializer options for diff and alignment results outside ASP.NET (which already uses the same web
/// defaults): camelCase names. Enums carry their own camelCase converters.
/// </summary>
public static class DiffJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
