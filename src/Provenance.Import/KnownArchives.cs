namespace Provenance.Import;

public sealed record KnownArchive(string Code, string Name);

/// <summary>Archives that records cite often enough to be recognized by code or by full name.</summary>
public static class KnownArchives
{
    public static IReadOnlyList<KnownArchive> All { get; } =
    [
        new("AVP RF", "Archive of Foreign Policy of the Russian Federation"),
        new("APRF", "Archive of the President of the Russian Federation"),
        new("RGANI", "Russian State Archive of Contemporary History"),
        new("RGASPI", "Russian State Archive of Socio-Political History"),
        new("GARF", "State Archive of the Russian Federation"),
        new("TsAMO", "Central Archives of the Russian Ministry of Defense"),
        new("NSA", "National Security Archive"),
        new("CWIHP", "Cold War International History Project"),
        new("PRC FMA", "Archives of the Ministry of Foreign Affairs of the People's Republic of China"),
        new("SAPMO-BArch", "Foundation Archives of Parties and Mass Organizations of the GDR in the Federal Archives"),
        new("AAN", "Archive of Modern Records, Warsaw"),
        new("NARA", "U.S. National Archives and Records Administration"),
    ];

    // Spellings seen in citations besides the canonical ones.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AVPRF"] = "AVP RF",
        ["Foreign Policy Archive of the Russian Federation"] = "AVP RF",
        ["Presidential Archive of the Russian Federation"] = "APRF",
        ["National Archives and Records Administration"] = "NARA",
        ["Archiwum Akt Nowych"] = "AAN",
        ["Archive of Modern Records"] = "AAN",
        ["Cold War International History Project (CWIHP)"] = "CWIHP",
    };

    private static readonly Dictionary<string, KnownArchive> ByKey = BuildIndex();

    private static Dictionary<string, KnownArchive> BuildIndex()
    {
        var index = new Dictionary<string, KnownArchive>(StringComparer.OrdinalIgnoreCase);
        foreach (var archive in All)
        {
            index[archive.Code] = archive;
            index[archive.Name] = archive;
        }

        foreach (var (alias, code) in Aliases)
        {
            index[alias] = index[code];
        }

        return index;
    }

    /// <summary>Finds an archive by code or full name, ignoring case and a leading "the".</summary>
    public static KnownArchive? Find(string? codeOrName)
    {
        if (string.IsNullOrWhiteSpace(codeOrName))
        {
            return null;
        }

        var key = codeOrName.Trim();
        if (key.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
        {
            key = key[4..].TrimStart();
        }

        return ByKey.GetValueOrDefault(key);
    }

    /// <summary>Codes only, longest first, for splitting "PRC FMA 109-00398-01" into code and reference.</summary>
    internal static IReadOnlyList<string> CodesLongestFirst { get; } =
        [.. All.Select(a => a.Code).Append("AVPRF").OrderByDescending(c => c.Length)];
}
