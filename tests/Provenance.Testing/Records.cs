namespace Provenance.Testing;

/// <summary>Archive records in the seed's format, for import tests.</summary>
public static class Records
{
    public static string Seed() => File.ReadAllText(Path.Combine(RepositoryRoot(), "seeds", "1962-10-24-dobrynin-telegram-r-kennedy-meeting.md"));

    /// <summary>A record of another shape: month-precision date, a longer custody chain, no summary, a Rights section.</summary>
    public const string MikoyanNotes = """
        **March 1959**
        **Notes of Conversation between A. I. Mikoyan and Fidel Castro**

        **Citation:**

        "Notes of Conversation between A. I. Mikoyan and Fidel Castro", March 1959, Wilson Center Digital Archive, Archive of the President of the Russian Federation (APRF), Moscow; copy obtained by NHK (Japanese TV), provided to CWIHP, and on file at the National Security Archive, Washington, DC; translated by Vladislav M. Zubok <https://digitalarchive.umd.edu/document/200001>

        **Original Language:**

        Russian

        **Contents:**

        Translation - English

        SECRET

        Castro received me late at night. [half-line deleted--ed.] He spoke about the agrarian reform and the missile question at length.

        The conversation lasted three hours. Castro asked for 20 advisers.

        **Rights:**

        The Wilson Center Digital Archive has secured the rights to publish this document.

        [Source: Archive of the President of the Russian Federation (APRF), Moscow; copy obtained by NHK (Japanese TV), provided to CWIHP, and on file at the National Security Archive, Washington, DC; translated by Vladislav M. Zubok.]
        """;

    /// <summary>An original-language record (Russian text), for Russian stemming.</summary>
    public const string RussianOriginal = """
        **November 2, 1962**
        **Шифртелеграмма Добрынина в МИД СССР**

        **Original Language:**

        Russian

        **Contents:**

        Original - Russian

        СОВЕРШЕННО СЕКРЕТНО

        Р. Кеннеди говорил о советских ракетах на Кубе и о карантине.

        [Source: AVP RF, Moscow.]
        """;

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
