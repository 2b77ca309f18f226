using System.Globalization;
using System.Text;

namespace Provenance.Cli.BulkImport;

/// <summary>
/// Writes a folder of varied, deterministic records in the Wilson Center format, for tests and
/// the bulk-import benchmark: publisher URLs <c>/document/{n}</c> or none (identity by title and
/// date), three date precisions, several archives, translators and languages, originals in Russian.
/// </summary>
public static class SampleRecords
{
    private static readonly string[] Archives =
    [
        "Archive of Foreign Policy of the Russian Federation (AVP RF), Moscow",
        "Archive of the President of the Russian Federation (APRF), Moscow",
        "Russian State Archive of Contemporary History (RGANI), Moscow",
        "State Archive of the Russian Federation (GARF), Moscow",
        "Russian State Archive of Socio-Political History (RGASPI), Moscow",
        "Archive of Modern Records (AAN), Warsaw",
    ];

    private static readonly string[] Copies =
    [
        "copy courtesy of the National Security Archive",
        "copy obtained by NHK (Japanese TV), provided to CWIHP, and on file at the National Security Archive, Washington, DC",
        "obtained by CWIHP",
    ];

    private static readonly string[] Translators =
    [
        "Mark H. Doctoroff", "Vladislav M. Zubok", "Svetlana Savranskaya", "Gary Goldberg", "David Wolff",
        "Sergey Radchenko", "Malgorzata Gnoinska", "Christian Ostermann", "Anna Melyakova", "Jamie Miller",
    ];

    private static readonly string[] Kinds = ["Telegram", "Memorandum of Conversation", "Letter", "Report", "Minutes of Meeting", "Note"];
    private static readonly string[] Senders = ["Soviet Ambassador Dobrynin", "A. I. Mikoyan", "the Polish Embassy in Havana", "N. S. Khrushchev", "the CPSU CC International Department", "Ambassador Thompson"];
    private static readonly string[] Recipients = ["the USSR MFA", "the CPSU Central Committee", "Fidel Castro", "W. Gomulka", "the Presidium", "J. F. Kennedy"];
    private static readonly string[] Topics = ["missiles in Cuba", "the German question", "the quarantine", "West Berlin", "economic aid", "the test ban"];
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly string[] EnglishWords =
    [
        "the", "ambassador", "said", "that", "government", "missiles", "Cuba", "President", "confidential", "channel",
        "defensive", "weapons", "deliveries", "meeting", "proposal", "agreement", "quarantine", "ships", "Soviet", "American",
        "position", "question", "declared", "stressed", "again", "Minister", "peace", "situation", "serious", "consequences",
    ];

    private static readonly string[] RussianWords =
    [
        "посол", "сказал", "что", "правительство", "ракеты", "Куба", "президент", "доверительный", "канал", "оборонительный",
        "оружие", "поставки", "встреча", "предложение", "соглашение", "карантин", "суда", "советский", "американский", "позиция",
    ];

    /// <summary>Writes <paramref name="count"/> records into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, int count, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(folder, $"record-{i:D6}.md");
            File.WriteAllText(path, Record(i, seed));
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Record number <paramref name="i"/> of the set named by <paramref name="seed"/>.</summary>
    public static string Record(int i, int seed = 1)
    {
        // Not HashCode.Combine: its seed differs per process, and the set must be the same every time.
        var random = new Random(unchecked((seed * 1_000_003) + i) & int.MaxValue);
        var original = random.Next(5) == 0;
        var withUrl = random.Next(7) != 0;
        var year = 1945 + random.Next(47);
        var month = random.Next(12);
        var day = 1 + random.Next(28);
        var date = random.Next(6) switch
        {
            0 => year.ToString(CultureInfo.InvariantCulture),
            1 or 2 => $"{Months[month]} {year}",
            _ => $"{Months[month]} {day}, {year}",
        };
        var title = original
            ? $"Запись беседы № {seed}-{i} о положении на Кубе"
            : $"{Pick(random, Kinds)} from {Pick(random, Senders)} to {Pick(random, Recipients)} on {Pick(random, Topics)} (No. {seed}-{i})";
        var translator = random.Next(10) == 0 ? null : Pick(random, Translators);
        var archive = Pick(random, Archives);
        var copy = Pick(random, Copies);
        var source = $"{archive}, fond {random.Next(1, 100)}, opis {random.Next(1, 20)}, delo {random.Next(1, 900)}; {copy}"
            + (translator is null || original ? "" : $"; translated by {translator}");

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**{date}**\n**{title}**\n\n");
        if (withUrl)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"**Citation:**\n\n\"{title}\", {date}, Wilson Center Digital Archive, {source} <https://digitalarchive.wilsoncenter.org/document/{seed * 1_000_000 + i}>\n\n");
        }

        if (random.Next(10) < 7)
        {
            text.Append(CultureInfo.InvariantCulture, $"**Summary:**\n\n{Sentence(random, EnglishWords, 25)}\n\n");
        }

        text.Append("**Original Language:**\n\nRussian\n\n");
        text.Append(original ? "**Contents:**\n\nOriginal - Russian\n\n" : "**Contents:**\n\nTranslation - English\n\n");
        switch (random.Next(3))
        {
            case 0: text.Append(original ? "СОВЕРШЕННО СЕКРЕТНО\n\n" : "TOP SECRET\n\n"); break;
            case 1: text.Append(original ? "СЕКРЕТНО\n\n" : "SECRET\n\n"); break;
        }

        var paragraphs = 4 + random.Next(8);
        for (var p = 0; p < paragraphs; p++)
        {
            text.Append(Sentence(random, original ? RussianWords : EnglishWords, 30 + random.Next(60))).Append("\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"[Source: {source}.]\n");
        return text.ToString();
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Sentence(Random random, string[] words, int length)
    {
        var sentence = new StringBuilder();
        for (var w = 0; w < length; w++)
        {
            if (w > 0)
            {
                sentence.Append(w % 12 == 0 ? ". " : " ");
            }

            var word = words[random.Next(words.Length)];
            sentence.Append(w % 12 == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }

        return sentence.Append('.').ToString();
    }
}
