using Provenance.Text.Tokens;

namespace Provenance.Text.Alignment;

/// <summary>A paragraph with the features the aligner scores: length, content words, numbers, names.</summary>
internal sealed class Paragraph
{
    private Paragraph(string text)
    {
        Text = text;
        var tokens = Tokenizer.Words(text);
        var sentenceStart = true;
        string? previousWord = null;
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.Number)
            {
                Numbers.Add(token.Text);
                AllWords.Add(token.Text);
                previousWord = token.Text;
                sentenceStart = false;
            }
            else if (token.Kind == TokenKind.Word)
            {
                AllWords.Add(token.Text);
                // Short words are mostly function words; they blur the overlap of unrelated paragraphs.
                if (token.Text.Length >= 4)
                {
                    ContentWords.Add(token.Text.ToLowerInvariant());
                }

                if (!sentenceStart && token.Text.Length >= 2 && char.IsUpper(token.Text[0]) && !token.Editorial)
                {
                    Names.Add(token.Text);
                }

                previousWord = token.Text;
                sentenceStart = false;
            }
            else if (token.Kind == TokenKind.Punctuation && token.Text is "." or "!" or "?" or ":" or ";")
            {
                // "R. Kennedy", "N.S. Khrushchev": a period after an initial does not end a sentence.
                var initial = token.Text == "." && previousWord is { Length: 1 } && char.IsUpper(previousWord[0]);
                sentenceStart = !initial;
            }
            else if (token.Kind == TokenKind.Newline)
            {
                sentenceStart = true;
            }
        }
    }

    public string Text { get; }

    public int Length => Text.Length;

    public HashSet<string> ContentWords { get; } = new(StringComparer.Ordinal);

    public HashSet<string> AllWords { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Numbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Capitalized words (Latin or Cyrillic) not at the start of a sentence.</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Paragraphs are separated by blank lines; lines inside one paragraph stay together.</summary>
    public static List<Paragraph> Split(string text)
    {
        var paragraphs = new List<Paragraph>();
        var current = new List<string>();
        foreach (var line in TextNormalizer.Normalize(text).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
            }
            else
            {
                current.Add(line.TrimEnd());
            }
        }

        Flush();
        return paragraphs;

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(new Paragraph(string.Join('\n', current)));
                current.Clear();
            }
        }
    }
}
