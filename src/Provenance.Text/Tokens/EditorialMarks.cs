namespace Provenance.Text.Tokens;

/// <summary>An editor's bracketed insertion: <c>[?]</c>, <c>[U.S.]</c>, <c>[half-line deleted--ed.]</c>.</summary>
public readonly record struct EditorialMark(int Start, int Length, string Text)
{
    public int End => Start + Length;

    /// <summary>The text between the brackets.</summary>
    public string Content => Text[1..^1];
}

public static class EditorialMarks
{
    /// <summary>
    /// Finds every <c>[...]</c> with non-empty content, no nested brackets and no line break, in order.
    /// An unclosed or nested bracket is left alone rather than guessed at.
    /// </summary>
    public static EditorialMark[] Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var marks = new List<EditorialMark>();
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    open = i;
                    break;
                case '\n':
                    open = -1;
                    break;
                case ']':
                    if (open >= 0 && i - open > 1)
                    {
                        marks.Add(new EditorialMark(open, i - open + 1, text.Substring(open, i - open + 1)));
                    }

                    open = -1;
                    break;
            }
        }

        return [.. marks];
    }

    /// <summary>Sets <see cref="Token.Editorial"/> on tokens that start inside a mark.</summary>
    internal static Token[] Flag(Token[] tokens, EditorialMark[] marks)
    {
        var cursor = new MarkCursor(marks);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (cursor.Inside(tokens[i].Start))
            {
                tokens[i] = tokens[i] with { Editorial = true };
            }
        }

        return tokens;
    }
}

/// <summary>Answers, for increasing positions, whether a token starting there (or a line) is inside (made of) editorial marks.</summary>
internal struct MarkCursor(EditorialMark[] marks)
{
    private int _next;

    public bool Inside(int start)
    {
        while (_next < marks.Length && marks[_next].End <= start)
        {
            _next++;
        }

        return _next < marks.Length && start >= marks[_next].Start;
    }

    /// <summary>True when the line <c>[start, end)</c> holds editorial marks and nothing else but whitespace.</summary>
    public bool OnlyMarks(string text, int start, int end)
    {
        Inside(start);
        var (position, any) = (start, false);
        for (; _next < marks.Length && marks[_next].Start < end; _next++)
        {
            if (!text.AsSpan(position, marks[_next].Start - position).IsWhiteSpace())
            {
                return false;
            }

            (position, any) = (marks[_next].End, true);
        }

        return any && text.AsSpan(position, end - position).IsWhiteSpace();
    }
}
