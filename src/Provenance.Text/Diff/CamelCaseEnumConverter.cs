using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provenance.Text.Diff;

/// <summary>Writes enum values as camelCase strings (<c>equal</c>, <c>moved</c>) whatever the serializer options.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
