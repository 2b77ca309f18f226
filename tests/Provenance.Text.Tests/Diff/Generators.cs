using CsCheck;

namespace Provenance.Text.Tests.Diff;

/// <summary>Random texts made of the awkward pieces archival translations contain, and random edits of them.</summary>
internal static class Generators
{
    private static readonly string[] Pieces =
    [
        "a", "b", "the", "Kennedy", "R.", "Поздно", "ночью", "23", "1962", "[?]", "[U.S.]", "[", "]", "😀", "𝔘", "𝔙",
        "q\u0301", "e\u0301", "\u00e9", ",", ".", "--", "it's", " ", " ", " ", "  ", "\t", "\n", "\n", "\n", "\r\n",
    ];

    private static readonly string[] Words =
    [
        "Kennedy", "said", "the", "President", "Soviet", "missiles", "Cuba", "[?]", "Поздно", "вечером", "23", "😀", "q\u0301",
        "[Kennedy adviser Theodore]", "  ", "\t",
    ];

    public static readonly Gen<string> Text = Gen.OneOf(Pieces).Array[0, 40].Select(string.Concat);

    /// <summary>Left and right texts: unrelated, edited copies, or reordered lines with a word changed.</summary>
    public static readonly Gen<(string Left, string Right)> Pair =
        Gen.Select(Gen.OneOf(Pieces).Array[0, 40], Gen.OneOf(Pieces).Array[0, 12], Gen.Int[0, 3], Gen.Int[0, 1000], Gen.Int[0, 1000])
            .Select((left, insert, mode, x, y) =>
            {
                var l = string.Concat(left);
                switch (mode)
                {
                    case 0:
                        return (l, string.Concat(insert));
                    case 1:
                    case 2:
                        // Splice: delete a run and insert random pieces at a random place.
                        var at = left.Length == 0 ? 0 : x % (left.Length + 1);
                        var delete = left.Length - at == 0 ? 0 : y % (left.Length - at + 1) % 6;
                        return (l, string.Concat(left.Take(at).Concat(insert).Concat(left.Skip(at + delete))));
                    default:
                        // Rotate lines so paragraphs move, then change one piece.
                        var lines = l.Split('\n');
                        var shift = lines.Length == 0 ? 0 : x % lines.Length;
                        var rotated = string.Join('\n', lines.Skip(shift).Concat(lines.Take(shift)));
                        return (l, rotated.Replace("the", "a", StringComparison.Ordinal));
                }
            });

    private static readonly Gen<string> Line = Gen.OneOf(Words).Array[1, 8].Select(w => string.Join(' ', w));

    /// <summary>Multi-line texts (optionally without final newline) and an edited copy: lines and words inserted, deleted, replaced.</summary>
    public static readonly Gen<(string Old, string New)> LineEdits =
        Gen.Select(Line.Array[0, 30], Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1000], Line).Array[0, 6], Gen.Bool, Gen.Bool)
            .Select((lines, edits, oldNewline, newNewline) =>
            {
                var edited = lines.ToList();
                foreach (var (kind, position, line) in edits)
                {
                    var at = edited.Count == 0 ? 0 : position % edited.Count;
                    switch (kind)
                    {
                        case 0:
                            edited.Insert(edited.Count == 0 ? 0 : position % (edited.Count + 1), line);
                            break;
                        case 1 when edited.Count > 0:
                            edited.RemoveAt(at);
                            break;
                        case 2 when edited.Count > 0:
                            edited[at] = line;
                            break;
                        case 3 when edited.Count > 0:
                            var words = edited[at].Split(' ').ToList();
                            words[position % words.Count] = line.Split(' ')[0];
                            edited[at] = string.Join(' ', words);
                            break;
                        case 4 when edited.Count > 0:
                            edited.Insert(at, string.Empty);
                            break;
                    }
                }

                return (Join(lines, oldNewline), Join(edited, newNewline));
            });

    private static string Join(IReadOnlyCollection<string> lines, bool finalNewline) =>
        lines.Count == 0 ? string.Empty : string.Join('\n', lines) + (finalNewline ? "\n" : string.Empty);
}
