namespace Provenance.Import;

/// <summary>English language names as records write them, mapped to BCP 47 tags.</summary>
public static class LanguageTags
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Russian"] = "ru", ["English"] = "en", ["German"] = "de", ["French"] = "fr", ["Chinese"] = "zh",
        ["Spanish"] = "es", ["Portuguese"] = "pt", ["Polish"] = "pl", ["Czech"] = "cs", ["Hungarian"] = "hu",
        ["Romanian"] = "ro", ["Bulgarian"] = "bg", ["Ukrainian"] = "uk", ["Korean"] = "ko", ["Japanese"] = "ja",
        ["Vietnamese"] = "vi", ["Italian"] = "it", ["Serbian"] = "sr", ["Croatian"] = "hr", ["Serbo-Croatian"] = "sh",
        ["Serbo-Croat"] = "sh", ["Slovak"] = "sk", ["Albanian"] = "sq", ["Mongolian"] = "mn", ["Hebrew"] = "he",
        ["Arabic"] = "ar", ["Persian"] = "fa", ["Farsi"] = "fa", ["Georgian"] = "ka", ["Armenian"] = "hy",
        ["Lithuanian"] = "lt", ["Latvian"] = "lv", ["Estonian"] = "et", ["Finnish"] = "fi", ["Swedish"] = "sv",
        ["Norwegian"] = "no", ["Danish"] = "da", ["Dutch"] = "nl", ["Greek"] = "el", ["Turkish"] = "tr",
        ["Hindi"] = "hi", ["Indonesian"] = "id", ["Khmer"] = "km", ["Lao"] = "lo", ["Thai"] = "th",
    };

    private static readonly HashSet<string> Tags = new(ByName.Values, StringComparer.OrdinalIgnoreCase);

    /// <summary>The tag for a language name ("Russian" → "ru"); a tag already given is returned as is.</summary>
    public static string? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim();
        // "Chinese (Simplified)" and "Russian language" name the same language.
        var paren = key.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            key = key[..paren].TrimEnd();
        }

        if (key.EndsWith(" language", StringComparison.OrdinalIgnoreCase))
        {
            key = key[..^" language".Length].TrimEnd();
        }

        if (ByName.TryGetValue(key, out var tag))
        {
            return tag;
        }

        return Tags.TryGetValue(key, out var given) ? given : null;
    }
}
