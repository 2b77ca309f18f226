using System.Text;

namespace Provenance.Text.Tests.Comparison;

/// <summary>
/// Texts the comparison tests read: Geniza translations copied from the shared corpus (see Corpus/README.md), the
/// seed's translation, and renderings of it built the way other channels deliver a text.
/// </summary>
internal static class ComparisonCorpus
{
    public static string Geniza(string file) =>
        TextNormalizer.Normalize(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Provenance.Text.Tests", "Comparison", "Corpus", file)));

    /// <summary>The body of the seed's ciphered telegram (Doctoroff's translation), one paragraph per item.</summary>
    public static IReadOnlyList<string> SeedParagraphs()
    {
        var record = TextNormalizer.Normalize(File.ReadAllText(Path.Combine(RepositoryRoot(), "seeds", "1962-10-24-dobrynin-telegram-r-kennedy-meeting.md")));
        var body = record[(record.IndexOf("#### CIPHERED TELEGRAM", StringComparison.Ordinal) + 22)..];
        return body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.StartsWith("[Source", StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// The passage as an FBIS monitoring transcript would carry it: a teletype header, all capitals, typewriter
    /// dashes and straight quotes, hard-wrapped at <paramref name="width"/> characters with words broken by a hyphen
    /// now and then, paragraphs marked by indentation only.
    /// </summary>
    public static string Teletype(IEnumerable<string> paragraphs, int width = 65)
    {
        var text = new StringBuilder("ZCZC FBIS 0231\nFBIS-SOV-62-207\nMOSCOW TASS INTERNATIONAL SERVICE IN ENGLISH 1442 GMT 24 OCT 62\n(TEXT)\n");
        var broken = 0;
        foreach (var paragraph in paragraphs)
        {
            var words = paragraph.ToUpperInvariant().Replace("—", "--", StringComparison.Ordinal)
                .Replace('“', '"').Replace('”', '"').Replace('’', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var line = new StringBuilder("     ");
            foreach (var word in words)
            {
                if (line.Length + 1 + word.Length > width)
                {
                    var room = width - line.Length - 2;
                    // Every third overflowing long word is broken at the line end, as a typist would.
                    if (word.Length >= 8 && room >= 3 && room < word.Length - 3 && char.IsLetter(word[room - 1]) && broken++ % 3 == 0)
                    {
                        text.Append(line).Append(' ').Append(word[..room]).Append("-\n");
                        line.Clear().Append(word[room..]);
                        continue;
                    }

                    text.Append(line).Append('\n');
                    line.Clear();
                }

                if (line.Length > 0 && line.ToString().Trim().Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            text.Append(line).Append('\n');
        }

        return text.Append("END ALL 24/1530Z OCT JS/JR\n").ToString();
    }

    /// <summary>Word-bag similarity after case folding (Dice over word multisets): the yardstick a reader's judgment is checked against.</summary>
    public static double WordBag(string left, string right)
    {
        var a = Bag(left);
        var b = Bag(right);
        var common = a.Sum(kv => Math.Min(kv.Value, b.GetValueOrDefault(kv.Key)));
        var total = a.Values.Sum() + b.Values.Sum();
        return total == 0 ? 1 : 2.0 * common / total;

        static Dictionary<string, int> Bag(string text)
        {
            var bag = new Dictionary<string, int>(StringComparer.Ordinal);
            var word = new StringBuilder();
            foreach (var c in text.ToLowerInvariant().Append(' '))
            {
                if (char.IsLetterOrDigit(c))
                {
                    word.Append(c);
                }
                else if (word.Length > 0)
                {
                    bag[word.ToString()] = bag.GetValueOrDefault(word.ToString()) + 1;
                    word.Clear();
                }
            }

            return bag;
        }
    }

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
