using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Provenance.Import;

/// <summary>
/// Turns Markdig's parse back into the text as written: every source character stays except markup
/// (emphasis delimiters, escape backslashes, autolink brackets, heading markers). Working from the source
/// rather than re-rendering inlines keeps list markers ("- Tell me"), bracketed editorial marks ("[do]")
/// and link-like text exactly as the record has them.
/// </summary>
internal sealed class MarkupMap
{
    private readonly string _source;
    private readonly bool[] _markup;
    private readonly HashSet<int> _hardBreaks = [];

    private MarkupMap(string source)
    {
        _source = source;
        _markup = new bool[source.Length];
    }

    public string Source => _source;

    public static MarkupMap Build(MarkdownDocument document, string source)
    {
        var map = new MarkupMap(source);
        var blocks = new Stack<Block>(document);
        while (blocks.Count > 0)
        {
            var block = blocks.Pop();
            if (block is ContainerBlock container)
            {
                foreach (var child in container)
                {
                    blocks.Push(child);
                }
            }
            else if (block is LeafBlock leaf)
            {
                map.MarkLeaf(leaf);
            }
        }

        return map;
    }

    /// <summary>The source of a block without markup; soft line breaks in paragraphs become spaces.</summary>
    public string BlockText(Block block, bool joinSoftBreaks = true)
    {
        var (start, end) = Clamp(block.Span.Start, block.Span.End);
        var join = joinSoftBreaks && block is ParagraphBlock or HeadingBlock;
        return Render(start, end, join);
    }

    /// <summary>The source between two positions (inclusive) without markup.</summary>
    public string Render(int start, int end, bool joinSoftBreaks)
    {
        (start, end) = Clamp(start, end);
        if (end < start)
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder(end - start + 1);
        for (var i = start; i <= end; i++)
        {
            if (_markup[i])
            {
                continue;
            }

            var c = _source[i];
            if (c != '\n')
            {
                text.Append(c);
                continue;
            }

            TrimEndSpaces(text);
            if (joinSoftBreaks && !_hardBreaks.Contains(i))
            {
                text.Append(' ');
                while (i + 1 <= end && _source[i + 1] is ' ' or '\t')
                {
                    i++;
                }
            }
            else
            {
                text.Append('\n');
            }
        }

        TrimEndSpaces(text);
        return CollapseBlankLines(text.ToString()).Trim('\n', ' ');
    }

    private (int Start, int End) Clamp(int start, int end) =>
        (Math.Max(0, start), Math.Min(_source.Length - 1, end));

    private void MarkLeaf(LeafBlock leaf)
    {
        if (leaf.Inline is null)
        {
            return;
        }

        if (leaf is HeadingBlock heading)
        {
            MarkHeading(heading);
        }

        var inlines = new Stack<Inline>();
        foreach (var inline in leaf.Inline)
        {
            inlines.Push(inline);
        }

        while (inlines.Count > 0)
        {
            var inline = inlines.Pop();
            switch (inline)
            {
                case EmphasisInline emphasis:
                    MarkDelimiters(emphasis);
                    break;
                case LiteralInline literal:
                    MarkEscapes(literal);
                    break;
                case AutolinkInline autolink:
                    MarkIf(autolink.Span.Start, '<');
                    MarkIf(autolink.Span.End, '>');
                    break;
                case LineBreakInline lineBreak when lineBreak.IsHard:
                    for (var i = Math.Max(0, lineBreak.Span.Start); i <= lineBreak.Span.End && i < _source.Length; i++)
                    {
                        if (_source[i] == '\n')
                        {
                            _hardBreaks.Add(i);
                        }
                        else if (_source[i] == '\\' && lineBreak.IsBackslash)
                        {
                            _markup[i] = true;
                        }
                    }

                    break;
            }

            if (inline is ContainerInline container)
            {
                foreach (var child in container)
                {
                    inlines.Push(child);
                }
            }
        }
    }

    private void MarkHeading(HeadingBlock heading)
    {
        var first = heading.Inline!.FirstChild;
        var last = heading.Inline.LastChild;
        var (start, end) = Clamp(heading.Span.Start, heading.Span.End);
        if (first is null || last is null)
        {
            Array.Fill(_markup, true, start, Math.Max(0, end - start + 1));
            return;
        }

        for (var i = start; i < first.Span.Start && i <= end; i++)
        {
            _markup[i] = true;
        }

        for (var i = Math.Max(start, last.Span.End + 1); i <= end; i++)
        {
            _markup[i] = true;
        }
    }

    private void MarkDelimiters(EmphasisInline emphasis)
    {
        var count = emphasis.DelimiterCount;
        var (start, end) = Clamp(emphasis.Span.Start, emphasis.Span.End);
        if (count <= 0 || end - start + 1 < 2 * count)
        {
            return;
        }

        for (var k = 0; k < count; k++)
        {
            MarkIf(start + k, emphasis.DelimiterChar);
            MarkIf(end - k, emphasis.DelimiterChar);
        }
    }

    // Markdig folds "\[" into the literal's content as "["; the backslash is markup.
    private void MarkEscapes(LiteralInline literal)
    {
        var (start, end) = Clamp(literal.Span.Start, literal.Span.End);
        var content = literal.Content.AsSpan();
        if (end - start + 1 <= content.Length)
        {
            return;
        }

        var j = 0;
        for (var i = start; i <= end && j < content.Length; i++)
        {
            if (_source[i] == content[j])
            {
                j++;
            }
            else if (_source[i] == '\\')
            {
                _markup[i] = true;
            }
            else
            {
                return;
            }
        }
    }

    private void MarkIf(int position, char expected)
    {
        if (position >= 0 && position < _source.Length && _source[position] == expected)
        {
            _markup[position] = true;
        }
    }

    private static void TrimEndSpaces(System.Text.StringBuilder text)
    {
        var length = text.Length;
        while (length > 0 && text[length - 1] is ' ' or '\t')
        {
            length--;
        }

        text.Length = length;
    }

    private static string CollapseBlankLines(string text)
    {
        if (!text.Contains("\n\n\n", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        var newlines = 0;
        foreach (var c in text)
        {
            newlines = c == '\n' ? newlines + 1 : 0;
            if (newlines <= 2)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
