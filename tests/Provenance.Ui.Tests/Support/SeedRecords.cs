namespace Provenance.Ui.Tests.Support;

/// <summary>The seed record and edited copies of it, imported to give the pages more than one revision or translation.</summary>
public static class SeedRecords
{
    public const string Title = "Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA";

    public static string Seed() => File.ReadAllText(Path.Combine(RepositoryRoot(), "seeds", "1962-10-24-dobrynin-telegram-r-kennedy-meeting.md")).ReplaceLineEndings("\n");

    /// <summary>A second revision: two words changed, one paragraph moved to the end, one editorial insertion.</summary>
    public static string Revised() => Revise(Seed());

    /// <summary>The edits of <see cref="Revised"/> applied to a translation's text (not the whole record).</summary>
    public static string Revise(string text) => text
        .Replace("He was in an obviously excited condition", "He was in an evidently agitated condition", StringComparison.Ordinal)
        .Replace("I once again set forth to him our position in the above-mentioned spirit.\n\n", "", StringComparison.Ordinal)
        .Replace("He left right after this.", "He left right after this.\n\nI once again set forth to him our position in the above-mentioned spirit.", StringComparison.Ordinal)
        .Replace("the Soviet side would not do anything", "the Soviet side [allegedly] would not do anything", StringComparison.Ordinal);

    /// <summary>The same record as translated by someone else: a second translation of the one document.</summary>
    public static string OtherTranslator() => Seed()
        .Replace("translation by Mark H. Doctoroff", "translation by Svetlana Savranskaya", StringComparison.Ordinal)
        .Replace("Late in the evening of October 23, R. Kennedy came to visit me.", "Late on the evening of 23 October R. Kennedy visited me.", StringComparison.Ordinal)
        .Replace("24.X.62 A. DOBRYNIN", "24.X.62 A. DOBRYNIN\n\n[Translator's note: the copy is hard to read here.]", StringComparison.Ordinal);

    /// <summary>The seed as a different record (its own publisher URL and title), so a test can own its document.</summary>
    public static string Unique(string tag) => Seed()
        .Replace("document/111625", $"document/{Math.Abs(tag.GetHashCode(StringComparison.Ordinal))}", StringComparison.Ordinal)
        .Replace("**Dobrynin to the USSR MFA**", $"**Dobrynin to the USSR MFA ({tag})**", StringComparison.Ordinal);

    /// <summary>The opening of Doctoroff's translation (the seed): its file heading and the first four paragraphs.</summary>
    public static string DoctoroffOpening()
    {
        var seed = Seed();
        var start = seed.IndexOf("TOP SECRET", StringComparison.Ordinal);
        return seed[start..seed.IndexOf("All this led", start, StringComparison.Ordinal)].TrimEnd() + "\n";
    }

    /// <summary>
    /// An independent rendering of the same opening as an FBIS monitoring transcript delivers it: teletype header,
    /// all capitals, hard-wrapped at 65 characters with words hyphenated at line ends, paragraphs split and marked by
    /// indentation only, and an editor's note at the end.
    /// </summary>
    public static string FbisTranscript() => File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Provenance.Ui.Tests", "Support", "fbis-transcript.txt")).ReplaceLineEndings("\n");

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provenance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Provenance.sln not found above the test folder.");
    }
}
