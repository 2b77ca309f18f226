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
internal sealed partial class DiffJsonContext : JsonSerializerContext;
