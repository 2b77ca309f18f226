using System.Text;

namespace Provenance.Data;

/// <summary>
/// The one place that says which PostgreSQL text search configuration stems a text of a given
/// language: BCP 47 primary language subtag (<c>en</c>, <c>ru</c>, <c>de-AT</c> → <c>de</c>) to
/// the configurations PostgreSQL ships (12 and later; a test checks each against <c>pg_ts_config</c>).
/// Any other or unknown language is indexed with <c>simple</c> (lower-cased words, no stemming).
/// </summary>
public static class SearchLanguages
{
    public const string Fallback = "simple";

    /// <summary>A PostgreSQL regular expression matching a Cyrillic letter (U+0400 to U+04FF).</summary>
    public const string CyrillicPattern = "[\u0400-\u04FF]";

    /// <summary>Primary language subtag → text search configuration.</summary>
    public static readonly IReadOnlyDictionary<string, string> Configurations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["en"] = "english", ["ru"] = "russian", ["de"] = "german", ["fr"] = "french", ["es"] = "spanish",
        ["it"] = "italian", ["pt"] = "portuguese", ["nl"] = "dutch", ["da"] = "danish", ["sv"] = "swedish",
        ["no"] = "norwegian", ["nb"] = "norwegian", ["nn"] = "norwegian", ["fi"] = "finnish", ["hu"] = "hungarian",
        ["ro"] = "romanian", ["tr"] = "turkish", ["el"] = "greek", ["lt"] = "lithuanian", ["sr"] = "serbian",
        ["ar"] = "arabic", ["hy"] = "armenian", ["eu"] = "basque", ["ca"] = "catalan", ["ga"] = "irish",
        ["id"] = "indonesian", ["hi"] = "hindi", ["ne"] = "nepali", ["ta"] = "tamil", ["yi"] = "yiddish",
    };

    /// <summary>
    /// The configurations a search term is parsed with, OR-ed, so that it matches a text in any
    /// indexed language by that language's word forms: English and Russian first, then 'simple'
    /// (texts in unmapped languages), then every other configuration of the map.
    /// </summary>
    public static readonly IReadOnlyList<string> QueryConfigurations =
        ["english", "russian", Fallback, .. Configurations.Values.Distinct().Where(c => c is not ("english" or "russian")).Order(StringComparer.Ordinal)];

    /// <summary>The configuration for a BCP 47 tag; what <see cref="ConfigurationSql"/> computes in PostgreSQL.</summary>
    public static string ConfigurationOf(string? languageTag) =>
        languageTag is null ? Fallback : Configurations.GetValueOrDefault(languageTag.Split('-')[0].ToLowerInvariant(), Fallback);

    /// <summary>
    /// SQL of the <c>regconfig</c> for the language tag that <paramref name="languageTag"/> (an SQL
    /// expression) yields, for <c>to_tsvector(&lt;this&gt;, text)</c>. Every statement that stems a
    /// translation's text uses it, so that all of them compute identical search vectors.
    /// </summary>
    public static string ConfigurationSql(string languageTag)
    {
        var sql = new StringBuilder($"(CASE lower(split_part({languageTag}, '-', 1))");
        foreach (var (tag, configuration) in Configurations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sql.Append(" WHEN '").Append(tag).Append("' THEN '").Append(configuration).Append("'::regconfig");
        }

        return sql.Append(" ELSE '").Append(Fallback).Append("'::regconfig END)").ToString();
    }
}
