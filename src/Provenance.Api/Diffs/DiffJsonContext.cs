using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provenance.Api.Diffs;

/// <summary>
/// Source-generated (reflection-free) metadata for the diff request and response, the largest JSON this API
/// reads and writes. Web defaults (camelCase, case-insensitive reads); enums carry their own camelCase converters.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DiffTextsRequest))]
[JsonSerializable(typeof(DiffResponse))]
internal sealed partial class DiffJsonContext : JsonSerializerContext
{
    /// <summary>The context with the API's text encoder (scripts written as UTF-8, not escaped).</summary>
    public static DiffJsonContext Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = Hosting.ApiSetup.TextEncoder });
}
