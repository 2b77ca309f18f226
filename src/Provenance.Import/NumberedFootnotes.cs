using System.Globalization;
using System.Text;
using Markdig.Syntax;

namespace Provenance.Import;

/// <summary>
/// Footnotes written as numbered paragraphs after the signature ("1 The Russian text is unclear …", "(1) Sent in
/// reply …"), as PDF exports and scans leave them, with their markers in the text ("Barman\n1 approached",
/// "Donovan2", "(1)"). They are footnotes only when numbered 1, 2, … and every marker is found in the text (or,
/// for "(n)", on the title); then they leave the body, and bare markers are written "[n]" as the records' own
/// footnote references are.
/// </summary>
internal static class NumberedFootnotes
{
    private const int MaxNotes = 300;

    public static List<Footnote> Take(List<(Block Block, string Text)> body, MarkupMap map, string title, List<RecordProblem> warnings)
    {
        var notes = new List<(int Number, bool Parenthesized, StringBuilder Text)>();
        var taken = 0;
        for (var k = body.Count - 1; k >= 1 && notes.Count < MaxNotes; k--)
        {
            if (body[k].Block is not ParagraphBlock || Notes(map.BlockText(body[k].Block, joinSoftBreaks: false)) is not { } found)
            {
                break;
            }

            notes.InsertRange(0, found);
            taken++;
        }

        if (taken == 0 || notes.Select((n, i) => n.Number != i + 1 || n.Parenthesized != notes[0].Parenthesized).Any(wrong => wrong))
        {
            return [];
        }

        var text = body.Take(body.Count - taken).ToList();
        if (notes[0].Parenthesized)
        {
            if (!notes.All(n => title.Contains($"({n.Number})", StringComparison.Ordinal)
                                || text.Any(p => p.Text.Contains($"({n.Number})", StringComparison.Ordinal))))
            {
                return [];
            }
        }
        else
        {
            if (BareMarkers(text, map, notes.Count) is not { } rewritten)
            {
                return [];
            }

            text = rewritten;
            warnings.Add(new("footnotes", $"footnote markers 1–{notes.Count} in the text were written as [1]–[{notes.Count}]"));
        }

        body.Clear();
        body.AddRange(text);
        return [.. notes.Select(n => new Footnote(n.Number.ToString(CultureInfo.InvariantCulture), n.Number, n.Text.ToString().Trim()))];
    }

    /// <summary>"Title (1)" without its marker when footnote 1 exists, with a warning; else the title as it is.</summary>
    public static string WithoutTitleMarker(string title, IReadOnlyList<Footnote> footnotes, List<RecordProblem> warnings)
    {
        foreach (var note in footnotes)
        {
            foreach (var marker in (string[])[$"({note.Marker})", $"[{note.Marker}]"])
            {
                if (title.EndsWith(marker, StringComparison.Ordinal) && title.Length > marker.Length)
                {
                    warnings.Add(new("title", $"the footnote marker {marker} was taken off the title; footnote {note.Marker} is about the title"));
                    return title[..^marker.Length].TrimEnd();
                }
            }
        }

        return title;
    }

    /// <summary>The notes of one paragraph whose every line continues a note or starts the next one, else null.</summary>
    private static List<(int, bool, StringBuilder)>? Notes(string paragraph)
    {
        var notes = new List<(int, bool, StringBuilder)>();
        foreach (var line in paragraph.Split('\n'))
        {
            if (Start(line) is var (number, parenthesized, rest))
            {
                notes.Add((number, parenthesized, new StringBuilder(rest)));
            }
            else if (notes.Count == 0)
            {
                return null;
            }
            else
            {
                notes[^1].Item3.Append(' ').Append(line.Trim());
            }
        }

        return notes;
    }

    /// <summary>"12 Text" or "(12) Text": a number of one to three digits, a space, then a capital or a quote.</summary>
    private static (int Number, bool Parenthesized, string Remainder)? Start(string line)
    {
        var parenthesized = line.StartsWith('(');
        var i = parenthesized ? 1 : 0;
        var digits = i;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }

        if (i == digits || i - digits > 3 || (parenthesized && (i >= line.Length || line[i++] != ')')))
        {
            return null;
        }

        if (i + 1 >= line.Length || line[i] != ' ' || !(char.IsUpper(line[i + 1]) || line[i + 1] is '"' or '“' or '«' or '['))
        {
            return null;
        }

        var digitsEnd = parenthesized ? i - 1 : i;
        return (int.Parse(line.AsSpan(digits, digitsEnd - digits), CultureInfo.InvariantCulture), parenthesized, line[(i + 1)..]);
    }

    /// <summary>
    /// Finds markers 1…<paramref name="count"/> in order: a line that starts with the number after a line that ended
    /// mid-sentence ("Barman\n1 approached"), or the number glued to a word ("Donovan2"). Null when one is missing.
    /// </summary>
    private static List<(Block Block, string Text)>? BareMarkers(List<(Block Block, string Text)> text, MarkupMap map, int count)
    {
        var result = new List<(Block Block, string Text)>(text);
        var block = 0;
        var from = 0;
        for (var n = 1; n <= count; n++)
        {
            var found = false;
            for (; block < result.Count && !found; block++, from = 0)
            {
                var (b, joined) = result[block];
                if (LineStartMarker(map.BlockText(b, joinSoftBreaks: false), joined, n, from) is { } line)
                {
                    result[block] = (b, line.Text);
                    from = line.End;
                    found = true;
                }
                else if (GluedMarker(joined, n, from) is { } glued)
                {
                    result[block] = (b, glued.Text);
                    from = glued.End;
                    found = true;
                }

                if (found)
                {
                    break;
                }
            }

            if (!found)
            {
                return null;
            }
        }

        return result;
    }

    private static (string Text, int End)? LineStartMarker(string raw, string joined, int n, int from)
    {
        var marker = $"\n{n} ";
        for (var at = raw.IndexOf(marker, StringComparison.Ordinal); at > 0; at = raw.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            var next = at + marker.Length;
            if (!char.IsLetter(raw[at - 1]) || next >= raw.Length || !char.IsLower(raw[next]))
            {
                continue;
            }

            // The same words in the joined text, where the line break became a space.
            var wordStart = raw.LastIndexOfAny([' ', '\n'], at - 1) + 1;
            var nextEnd = raw.IndexOfAny([' ', '\n'], next);
            var before = raw[wordStart..at];
            var after = raw[next..(nextEnd < 0 ? raw.Length : nextEnd)];
            var needle = $"{before} {n} {after}";
            var where = joined.IndexOf(needle, from, StringComparison.Ordinal);
            if (where >= 0)
            {
                var replacement = $"{before}[{n}] {after}";
                return (joined[..where] + replacement + joined[(where + needle.Length)..], where + replacement.Length);
            }
        }

        return null;
    }

    private static (string Text, int End)? GluedMarker(string joined, int n, int from)
    {
        var digits = n.ToString(CultureInfo.InvariantCulture);
        for (var at = joined.IndexOf(digits, from, StringComparison.Ordinal); at > 0; at = joined.IndexOf(digits, at + 1, StringComparison.Ordinal))
        {
            var end = at + digits.Length;
            if (char.IsLower(joined[at - 1]) && (end == joined.Length || !char.IsLetterOrDigit(joined[end])))
            {
                return (joined[..at] + $"[{digits}]" + joined[end..], end + 2);
            }
        }

        return null;
    }
}
