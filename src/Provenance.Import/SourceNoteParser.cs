namespace Provenance.Import;

/// <summary>
/// Reads the custody sentence of a "[Source: …]" note (or the tail of a citation):
/// "Holder[, Place][, reference]; copy obtained by X, provided to Y, and on file at Z, Place; translated by T".
/// </summary>
public static class SourceNoteParser
{
    private const int MaxCodeLength = 64;

    // Longest first, so "copy courtesy of" wins over "courtesy of".
    private static readonly string[] Relations =
    [
        "copy obtained and provided by", "copy made available by", "copy courtesy of", "copy obtained by",
        "copy obtained from", "copy provided by", "copy provided to", "copy donated by", "copy on file at",
        "copy held at", "copy held by", "made available by", "obtained and provided by", "obtained by",
        "obtained from", "courtesy of", "provided by", "provided to", "on file at", "donated by", "donated to",
        "contributed by", "deposited at", "deposited with", "transferred to", "received from", "acquired by",
        "held at", "held by", "available at", "published in", "reprinted in", "copy from",
    ];

    private static readonly string[] ReferencePrefixes =
    [
        "f.", "fond", "op.", "opis", "d.", "delo", "l.", "ll.", "list", "p.", "pp.", "papka", "file", "folder",
        "box", "reel", "roll", "vol.", "volume", "sig.", "signatur", "doc.", "document", "no.", "nr.", "inv.",
        "series", "record group", "rg", "t.", "k.", "a.j.", "sygn.",
    ];

    private static readonly HashSet<string> Places = new(StringComparer.OrdinalIgnoreCase)
    {
        "Moscow", "Washington", "DC", "D.C.", "Beijing", "Berlin", "Warsaw", "Prague", "Budapest", "Sofia", "Bucharest",
        "Belgrade", "Tirana", "Ulaanbaatar", "Ulan Bator", "Hanoi", "Pyongyang", "Seoul", "Tokyo", "London", "Paris",
        "Bonn", "Rome", "Havana", "New Delhi", "Kyiv", "Kiev", "Vilnius", "Riga", "Tallinn", "Minsk", "Tbilisi",
        "Yerevan", "Baku", "Tashkent", "Almaty", "Ottawa", "Geneva", "Vienna", "Stockholm", "Helsinki", "Oslo",
        "Copenhagen", "Amsterdam", "Brussels", "Jerusalem", "Tel Aviv", "Tehran", "Cairo", "College Park", "Stanford",
        "Cambridge", "Koblenz", "Freiburg", "Taipei", "Shanghai", "Nanjing", "Bratislava", "Ljubljana", "Zagreb",
        "Sarajevo", "Skopje", "Podgorica", "Chisinau", "MD", "CA", "MA", "NY", "USA", "U.S.A.", "Russia", "Germany",
        "China", "Poland", "Hungary", "Czech Republic", "Romania", "Bulgaria", "Ukraine", "Mongolia", "Vietnam",
    };

    public static SourceNote Parse(string text)
    {
        var raw = text.Trim();
        var work = raw.TrimEnd('.', ' ', ';', ',');
        var custodyClauses = new List<string>();
        string? translatorClause = null;
        foreach (var clause in Clauses(work))
        {
            var at = translatorClause is null ? TranslatorWordIndex(clause) : -1;
            if (at < 0)
            {
                custodyClauses.Add(clause);
                continue;
            }

            // "AVP RF, copy courtesy of NSA, translated by X": the comma before the verb ends the custody part.
            var comma = LastIndexOutsideParentheses(clause, ',', at);
            if (comma > 0)
            {
                custodyClauses.Add(clause[..comma]);
                translatorClause = clause[(comma + 1)..].Trim();
            }
            else
            {
                translatorClause = clause;
            }
        }

        var translators = translatorClause is null ? [] : TranslatorNames(translatorClause);
        var custody = Custody(custodyClauses);
        var first = custody.Count > 0 && custody[0].Relation == "held original" ? custody[0] : null;
        var known = first is null ? null : KnownArchives.Find(first.Holder) ?? KnownArchives.Find(first.HolderName);
        var code = known?.Code ?? first?.Holder;
        var name = known?.Name ?? first?.HolderName ?? first?.Holder;

        return new SourceNote
        {
            Text = raw,
            HoldingArchiveCode = code is { Length: > MaxCodeLength } ? code[..MaxCodeLength].TrimEnd() : code,
            HoldingArchiveName = name,
            HoldingPlace = first?.Place,
            ArchivalReference = first?.Reference,
            Custody = custody,
            Translator = translators.Count == 0 ? null : TranslatorText(translatorClause!),
            Translators = translators,
        };
    }

    /// <summary>Splits at ';' and at sentence ends (". Obtained …"), never inside parentheses or after an initial.</summary>
    private static List<string> Clauses(string text)
    {
        var clauses = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            depth = c switch
            {
                '(' or '[' => depth + 1,
                ')' or ']' => Math.Max(0, depth - 1),
                _ => depth,
            };
            if (depth > 0)
            {
                continue;
            }

            var sentenceEnd = c == '.' && i > 0 && i + 2 < text.Length && text[i + 1] == ' ' && char.IsUpper(text[i + 2])
                && (char.IsLower(text[i - 1]) || char.IsDigit(text[i - 1]) || text[i - 1] == ')')
                && !EndsWithAbbreviation(text, i);
            if (c == ';' || sentenceEnd)
            {
                Add(clauses, text[start..i]);
                start = i + 1;
            }
        }

        Add(clauses, text[start..]);
        return clauses;

        static void Add(List<string> list, string clause)
        {
            var trimmed = clause.Trim();
            if (trimmed.Length > 0)
            {
                list.Add(trimmed);
            }
        }
    }

    // "f. 3, op. 65" and "ll. 1-3" must not end a sentence.
    private static bool EndsWithAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var word = text[start..dot];
        return word.Length is > 0 and <= 3 && word.All(char.IsLower);
    }

    private static int TranslatorWordIndex(string clause)
    {
        for (var at = clause.IndexOf("trans", StringComparison.OrdinalIgnoreCase);
             at >= 0;
             at = clause.IndexOf("trans", at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var wordStart = at == 0 || !char.IsLetter(clause[at - 1]);
            var rest = clause.AsSpan(at);
            if (wordStart && (rest.StartsWith("translat", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("trans.", StringComparison.OrdinalIgnoreCase)))
            {
                return at;
            }
        }

        return -1;
    }

    private static string? TranslatorText(string clause)
    {
        var verb = TranslatorWordIndex(clause);
        var by = clause.IndexOf(" by ", Math.Max(0, verb), StringComparison.OrdinalIgnoreCase);
        string names;
        if (by >= 0)
        {
            names = clause[(by + 4)..];
        }
        else
        {
            var colon = clause.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return null;
            }

            names = clause[(colon + 1)..];
        }

        // "Translated by X for CWIHP": the purpose is not part of the name.
        var forAt = names.IndexOf(" for ", StringComparison.OrdinalIgnoreCase);
        if (forAt > 0)
        {
            names = names[..forAt];
        }

        names = names.Trim().TrimEnd('.', ',', ' ');
        return names.Length == 0 ? null : names;
    }

    private static List<string> TranslatorNames(string clause)
    {
        var text = TranslatorText(clause);
        if (text is null)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var part in text.Split([", and ", " and ", ", ", " & "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            names.Add(part);
        }

        return names;
    }

    private static List<CustodyStep> Custody(List<string> clauses)
    {
        var steps = new List<StepBuilder>();
        foreach (var clause in clauses)
        {
            foreach (var piece in SplitOutsideParentheses(clause, ','))
            {
                var segment = piece;
                if (segment.StartsWith("and ", StringComparison.OrdinalIgnoreCase))
                {
                    segment = segment[4..].TrimStart();
                }
                else if (segment.StartsWith("& ", StringComparison.Ordinal))
                {
                    segment = segment[2..].TrimStart();
                }

                if (segment.Length == 0)
                {
                    continue;
                }

                var relation = Relations.FirstOrDefault(r => segment.StartsWith(r + " ", StringComparison.OrdinalIgnoreCase));
                if (relation is not null)
                {
                    steps.Add(new StepBuilder(relation, WithoutArticle(segment[relation.Length..].Trim())));
                    continue;
                }

                if (steps.Count == 0)
                {
                    steps.Add(new StepBuilder("held original", segment));
                    continue;
                }

                var current = steps[^1];
                if (IsPlace(segment))
                {
                    current.Place = current.Place is null ? segment : current.Place + ", " + segment;
                }
                else if (IsReference(segment) || current.Place is not null || current.Reference is not null
                         || ResolveHolder(current.Holder).Name is not null)
                {
                    // After a known archive, "KC PZPR" names a collection, not more of the archive's name.
                    current.Reference = current.Reference is null ? segment : current.Reference + ", " + segment;
                }
                else
                {
                    current.Holder += ", " + segment;
                }
            }
        }

        var result = new List<CustodyStep>(steps.Count);
        foreach (var step in steps)
        {
            if (step.Holder.Length == 0)
            {
                continue;
            }

            var (holder, holderName, reference) = ResolveHolder(step.Holder);
            var allReferences = reference is null ? step.Reference : step.Reference is null ? reference : reference + ", " + step.Reference;
            result.Add(new CustodyStep(result.Count + 1, holder, step.Relation, step.Place)
            {
                HolderName = holderName,
                Reference = allReferences,
            });
        }

        return result;
    }

    /// <summary>"Name (CODE)" gives the code as holder; "PRC FMA 109-00398-01" splits off the reference.</summary>
    private static (string Holder, string? Name, string? Reference) ResolveHolder(string text)
    {
        var holder = text.Trim();
        if (holder.EndsWith(')') && holder.LastIndexOf('(') is var open and > 0)
        {
            var inner = holder[(open + 1)..^1].Trim();
            var outer = holder[..open].Trim();
            var known = KnownArchives.Find(inner) ?? KnownArchives.Find(outer);
            if (known is not null || IsCodeLike(inner))
            {
                return (inner, known?.Name ?? outer, null);
            }
        }

        var exact = KnownArchives.Find(holder);
        if (exact is not null)
        {
            return (holder, exact.Name, null);
        }

        foreach (var code in KnownArchives.CodesLongestFirst)
        {
            if (holder.Length > code.Length + 1 && holder.StartsWith(code + " ", StringComparison.OrdinalIgnoreCase)
                && holder.AsSpan(code.Length).ContainsAny("0123456789"))
            {
                return (holder[..code.Length], KnownArchives.Find(code)?.Name, holder[(code.Length + 1)..].Trim());
            }
        }

        return (holder, null, null);
    }

    private static bool IsCodeLike(string text)
    {
        if (text.Length is 0 or > 20)
        {
            return false;
        }

        var letters = text.Count(char.IsLetter);
        var upper = text.Count(char.IsUpper);
        return upper >= 2 && upper * 2 >= letters;
    }

    private static bool IsPlace(string segment) => Places.Contains(segment.Trim().TrimEnd('.'))
        || Places.Contains(segment.Trim());

    private static bool IsReference(string segment)
    {
        if (segment.Any(char.IsDigit))
        {
            return true;
        }

        foreach (var prefix in ReferencePrefixes)
        {
            if (segment.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (segment.Length == prefix.Length || !char.IsLetter(segment[prefix.Length]) || prefix.EndsWith('.')))
            {
                return true;
            }
        }

        return false;
    }

    private static string WithoutArticle(string text) =>
        text.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? text[4..].TrimStart() : text;

    private static List<string> SplitOutsideParentheses(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                default:
                    if (text[i] == separator && depth == 0)
                    {
                        parts.Add(text[start..i].Trim());
                        start = i + 1;
                    }

                    break;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    private static int LastIndexOutsideParentheses(string text, char separator, int before)
    {
        var last = -1;
        var depth = 0;
        for (var i = 0; i < before && i < text.Length; i++)
        {
            depth = text[i] switch
            {
                '(' or '[' => depth + 1,
                ')' or ']' => Math.Max(0, depth - 1),
                _ => depth,
            };
            if (text[i] == separator && depth == 0)
            {
                last = i;
            }
        }

        return last;
    }

    private sealed class StepBuilder(string relation, string holder)
    {
        public string Relation { get; } = relation; // phrases in Relations are already lower-case
        public string Holder { get; set; } = holder;
        public string? Place { get; set; }
        public string? Reference { get; set; }
    }
}
