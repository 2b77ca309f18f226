using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Provenance.Text;

namespace Provenance.Import;

/// <summary>
/// Reads one Wilson Center Digital Archive record (the Markdown export of a document page): bold date and
/// title lines, bold-labelled metadata sections, markings, the document body and the closing
/// "[Source: …]" note. Never throws; what cannot be read comes back as errors and warnings.
/// </summary>
public static class WilsonCenterRecordReader
{
    /// <summary>Records are a few pages; anything far larger is not a record.</summary>
    public const int MaxRecordLength = 8 * 1024 * 1024;

    // Records never nest quotes or lists; deeper input is junk and is refused before Markdig sees it.
    private const int MaxNesting = 64;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = 64 }
        .UsePreciseSourceLocation()
        .Build();

    private static readonly HashSet<string> TrailerLabels = new(StringComparer.Ordinal)
    {
        "rights", "keywords", "associated people & organizations", "associated people and organizations",
        "associated places", "associated topics", "subjects discussed", "record id", "credits", "related documents",
        "collections", "document information", "notes", "footnotes", "endnotes", "original archive",
        "original classification", "preferred citation", "more information",
    };

    private static readonly HashSet<string> NoteLabels = new(StringComparer.Ordinal) { "notes", "footnotes", "endnotes" };

    public static RecordParseResult Parse(string recordText)
    {
        var errors = new List<RecordProblem>();
        var warnings = new List<RecordProblem>();
        if (recordText is null)
        {
            errors.Add(new("record", "no record text was given"));
            return new(null, errors, warnings);
        }

        if (recordText.Length > MaxRecordLength)
        {
            errors.Add(new("record", $"the record is {recordText.Length} characters long; the limit is {MaxRecordLength}"));
            return new(null, errors, warnings);
        }

        var source = SeparateLabelLines(TextNormalizer.Normalize(Sanitize(recordText)));
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add(new("title", "the record is empty: no title"));
            errors.Add(new("body", "the record is empty: no body text"));
            return new(null, errors, warnings);
        }

        if (DeepestNesting(source) > MaxNesting)
        {
            errors.Add(new("record", $"the Markdown nests quotes or lists more than {MaxNesting} levels deep; records never do"));
            return new(null, errors, warnings);
        }

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(source, Pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig reports input nested past MaximumNestingDepth this way.
            errors.Add(new("record", "the Markdown could not be read: " + ex.Message));
            return new(null, errors, warnings);
        }

        try
        {
            var record = Read(document, source, errors, warnings);
            return new(errors.Count == 0 ? record : null, errors, warnings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Last resort: a reader bug must still reach the caller as a problem with this record.
            errors.Add(new("record", $"the record could not be read ({ex.GetType().Name})"));
            return new(null, errors, warnings);
        }
    }

    private static ParsedRecord? Read(MarkdownDocument document, string source, List<RecordProblem> errors, List<RecordProblem> warnings)
    {
        var map = MarkupMap.Build(document, source);
        var blocks = TopLevelBlocks(document);
        var i = 0;

        // Header: bold date and title lines, or a "# Title" heading.
        var headerLines = new List<string>();
        var headingTitle = new List<string>();
        string? plainDate = null;
        while (i < blocks.Count && Label.Of(blocks[i], map) is null && !IsSourceNote(blocks[i], map))
        {
            var block = blocks[i];
            if (block is HeadingBlock { Level: <= 2 } && headingTitle.Count == 0 && headerLines.Count == 0)
            {
                headingTitle.Add(map.BlockText(block));
            }
            else if (block is ParagraphBlock paragraph && StrongLines(paragraph, map) is { } lines)
            {
                headerLines.AddRange(lines);
            }
            else if (block is ParagraphBlock && plainDate is null && i <= 1 && map.BlockText(block) is var text
                     && !text.Contains('\n', StringComparison.Ordinal) && RecordDate.Parse(text).Precision != DatePrecision.Unknown)
            {
                plainDate = text;
            }
            else
            {
                break;
            }

            i++;
        }

        var (headerDate, headerTitleParts) = SplitHeader(headerLines, headingTitle.Count > 0);
        headerTitleParts.InsertRange(0, headingTitle);
        var headerTitle = CollapseSpaces(string.Join(' ', headerTitleParts));
        var dateText = headerDate ?? plainDate;

        CitationParts? citation = null;
        string? summary = null, languageText = null, contentsText = null, sourceText = null;
        var sections = new List<RecordSection>();
        var footnotes = new List<Footnote>();
        var emptySections = new List<string>();

        void Apply(Label label, List<Block> content)
        {
            var text = JoinBlocks(content, map, label.InlineValue);
            if (text.Length == 0)
            {
                // "**Citation:**" with nothing under it: there is no value to keep, only the fact.
                emptySections.Add(label.Key);
                return;
            }

            switch (label.Key)
            {
                case "citation" when citation is null && label.InlineValue is { } inline:
                    citation = CitationParts.Read(inline, CitationParts.LinkIn(label.Block));
                    break;
                case "citation" when citation is null && content.Count > 0:
                    citation = CitationParts.Read(content[0], map);
                    break;
                case "summary" when summary is null:
                    summary = text;
                    break;
                case "original language" or "original languages" or "language" or "languages" when languageText is null:
                    languageText = text;
                    break;
                case "contents" or "content" when contentsText is null:
                    contentsText = JoinBlocks(content, map, label.InlineValue, joinSoftBreaks: false);
                    break;
                case "source" when sourceText is null:
                    sourceText = text;
                    break;
                case "date" when dateText is null:
                    dateText = text;
                    break;
                case var key when NoteLabels.Contains(key) && content.Count > 0 && content.All(b => Footnotes(b, map) is not null):
                    footnotes.AddRange(content.SelectMany(b => Footnotes(b, map)!));
                    break;
                default:
                    sections.Add(new RecordSection(label.Name, text));
                    break;
            }
        }

        // Metadata sections before the body. A section holds one block unless further blocks run up to
        // another metadata label (a multi-paragraph summary); after the last label the body begins.
        while (i < blocks.Count && Label.Of(blocks[i], map) is { } label)
        {
            i++;
            var content = new List<Block>();
            if (label.InlineValue is null)
            {
                var next = i;
                while (next < blocks.Count && Label.Of(blocks[next], map) is null && !IsSourceNote(blocks[next], map))
                {
                    next++;
                }

                var multi = label.Key is not ("citation" or "original language" or "original languages" or "contents" or "content")
                    && next < blocks.Count && Label.Of(blocks[next], map) is { } following && !TrailerLabels.Contains(following.Key);
                var end = multi ? next : Math.Min(next, i + 1);
                if (label.Key is "contents" or "content")
                {
                    // "Original Scan" and "Translation - English" may stand in separate paragraphs.
                    while (end < next && ContentsLine.Read(map.BlockText(blocks[end])) is { Language: not null })
                    {
                        end++;
                    }
                }

                content.AddRange(blocks.Skip(i).Take(end - i));
                i = end;
            }

            Apply(label, content);
        }

        // Markings: short classification and copy lines above the text.
        var markings = new List<string>();
        while (i < blocks.Count && blocks[i] is ParagraphBlock && Markings(map.BlockText(blocks[i], joinSoftBreaks: false)) is { } found)
        {
            markings.AddRange(found);
            i++;
        }

        // Body: up to the source note or a metadata label; bold labels inside the text ("**Attachment:**") stay text.
        var body = new List<Block>();
        while (i < blocks.Count && !IsSourceNote(blocks[i], map)
               && !(Label.Of(blocks[i], map) is { } l && (TrailerLabels.Contains(l.Key) || l.IsMetadata)))
        {
            body.Add(blocks[i]);
            i++;
        }

        // Trailer: the source note, then notes and labelled sections in any order.
        var afterSource = new List<Block>();
        while (i < blocks.Count)
        {
            var block = blocks[i];
            if (IsSourceNote(block, map))
            {
                sourceText ??= SourceNoteText(map.BlockText(block), warnings);
                i++;
            }
            else if (Label.Of(block, map) is { } label)
            {
                i++;
                var content = new List<Block>();
                while (label.InlineValue is null && i < blocks.Count && Label.Of(blocks[i], map) is null && !IsSourceNote(blocks[i], map))
                {
                    content.Add(blocks[i]);
                    i++;
                }

                Apply(label, content);
            }
            else if (Footnotes(block, map) is { } notes)
            {
                footnotes.AddRange(notes);
                i++;
            }
            else
            {
                afterSource.Add(block);
                i++;
            }
        }

        if (afterSource.Count > 0)
        {
            warnings.Add(new("body", $"{afterSource.Count} block(s) after the source note were kept at the end of the body"));
            body.AddRange(afterSource);
        }

        var bodyTexts = body.Select(b => (Block: b, Text: map.BlockText(b))).Where(p => p.Text.Length > 0).ToList();
        var trailing = TrailingFootnotes(bodyTexts, map);
        footnotes.InsertRange(0, trailing.Count > 0 ? trailing : NumberedFootnotes.Take(bodyTexts, map, headerTitle, warnings));

        // The PDF export runs the markings into the text: "TOP SECRET Making Copies Prohibited Copy No. 1 Telegram …".
        if (bodyTexts.Count > 0 && MarkingRules.Leading(bodyTexts[0].Text) is { Markings.Count: > 0 } leading)
        {
            markings.AddRange(leading.Markings);
            bodyTexts[0] = (bodyTexts[0].Block, leading.Remainder);
        }

        // Title: the citation's quoted title is the publisher's own spelling. A footnote marker on it ("… Dobrynin (1)")
        // refers to a footnote, which is kept; the marker is not part of the title.
        var headerTitleMarked = headerTitle;
        headerTitle = NumberedFootnotes.WithoutTitleMarker(headerTitle, footnotes, warnings);
        var title = citation?.Title is { } quoted ? CollapseSpaces(quoted) : headerTitle;
        if (title.Length == 0)
        {
            errors.Add(new("title", "no title: expected bold title lines under the date, a '# Title' heading, or a quoted title in the citation"));
        }
        else if (citation?.Title is not null && headerTitle.Length > 0 && !string.Equals(headerTitle, title, StringComparison.Ordinal))
        {
            warnings.Add(new("title", $"the header title \"{Shorten(headerTitle)}\" differs from the citation's; the citation's is used"));
        }

        // Exports repeat the title as the text's first line; it is the title, not text.
        if (title.Length > 0 && bodyTexts.Count > 0 && RepeatedTitle(bodyTexts[0].Text, title) is { } afterTitle
            && (afterTitle.Length > 0 || bodyTexts.Count > 1))
        {
            warnings.Add(new("body", "the title repeated at the start of the text was taken off the text"));
            if (afterTitle.Length > 0)
            {
                bodyTexts[0] = (bodyTexts[0].Block, afterTitle);
            }
            else
            {
                bodyTexts.RemoveAt(0);
            }
        }

        var bodyText = TextNormalizer.Normalize(string.Join("\n\n", bodyTexts.Select(p => p.Text)));

        if (bodyText.Length == 0)
        {
            errors.Add(new("body", "no body text: nothing follows the record's metadata and markings"));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        dateText ??= citation?.DateText;
        var date = dateText is null ? null : RecordDate.Parse(dateText);
        if (dateText is null)
        {
            warnings.Add(new("date", "no date found in the header or the citation"));
        }
        else if (date!.Precision == DatePrecision.Unknown)
        {
            warnings.Add(new("date", $"\"{Shorten(dateText)}\" is not a recognized date; kept as written"));
        }

        if (citation is null)
        {
            warnings.Add(new("citation", emptySections.Contains("citation") ? "the Citation section is empty" : "no Citation section"));
        }
        else if (citation.Url is null)
        {
            warnings.Add(new("citation", "the citation has no record URL"));
        }

        if (summary is null)
        {
            warnings.Add(new("summary", emptySections.Contains("summary") ? "the Summary section is empty" : "no Summary section"));
        }

        var (languageName, languageTags) = OriginalLanguages(languageText, warnings);
        var contents = ContentsOf(contentsText, warnings);

        if (sourceText is null && citation?.SourceText is { } citedSource)
        {
            warnings.Add(new("source", "no [Source: …] note; the custody chain was taken from the citation"));
            sourceText = citedSource;
        }
        else if (sourceText is null)
        {
            warnings.Add(new("source", "no [Source: …] note"));
        }

        var sourceNote = sourceText is null ? null : SourceNoteParser.Parse(sourceText);
        var citationSource = citation?.SourceText is { } cs ? SourceNoteParser.Parse(cs) : null;
        var translators = sourceNote?.Translators is { Count: > 0 } fromSource ? fromSource : citationSource?.Translators ?? [];
        var translator = sourceNote?.Translator ?? citationSource?.Translator;
        if (translator is null && contents.Kind == "translation")
        {
            warnings.Add(new("translator", "the record is a translation but names no translator"));
        }

        return new ParsedRecord
        {
            Title = title,
            HeaderTitle = headerTitleMarked.Length > 0 && !string.Equals(headerTitleMarked, title, StringComparison.Ordinal) ? headerTitleMarked : null,
            DateText = dateText,
            Date = date?.Date,
            DatePrecision = date?.Precision ?? DatePrecision.Unknown,
            DateIsApproximate = date?.IsApproximate ?? false,
            CitationText = citation?.Text,
            PublisherName = citation?.PublisherName,
            PublisherUrl = citation?.Url,
            PublisherRecordId = citation?.RecordId,
            Summary = summary,
            OriginalLanguageName = languageName,
            OriginalLanguage = languageTags.Count > 0 ? languageTags[0] : null,
            OriginalLanguages = languageTags,
            ContentsText = contentsText,
            ContentsKind = contents.Kind,
            ContentsLanguage = contents.Language,
            Markings = markings,
            Body = bodyText,
            Footnotes = footnotes,
            Source = sourceNote,
            Translator = translator,
            Translators = translators,
            ExtraSections = sections,
        };
    }

    /// <summary>
    /// Scraped records write header lines one after another ("**October 27, 1962**\n**Title**\n**Citation:**\n…"):
    /// a line that starts with a known bold label begins a paragraph of its own, as it would after a blank line.
    /// </summary>
    private static string SeparateLabelLines(string source)
    {
        StringBuilder? result = null;
        var lineStart = 0;
        var previousBlank = true;
        while (lineStart < source.Length)
        {
            var end = source.IndexOf('\n', lineStart);
            var line = source.AsSpan(lineStart, (end < 0 ? source.Length : end) - lineStart);
            if (!previousBlank && StartsWithKnownLabel(line))
            {
                result ??= new StringBuilder(source.Length + 64).Append(source, 0, lineStart);
                result.Append('\n');
            }

            result?.Append(line);
            if (end >= 0)
            {
                result?.Append('\n');
            }

            previousBlank = line.IsWhiteSpace();
            lineStart = end < 0 ? source.Length : end + 1;
        }

        return result?.ToString() ?? source;
    }

    private static bool StartsWithKnownLabel(ReadOnlySpan<char> line)
    {
        if (!line.StartsWith("**", StringComparison.Ordinal))
        {
            return false;
        }

        var close = line[2..].IndexOf("**", StringComparison.Ordinal);
        if (close <= 0)
        {
            return false;
        }

        var name = line.Slice(2, close).Trim();
        var afterColon = line[(close + 4)..].TrimStart();
        if (name.EndsWith(':'))
        {
            name = name[..^1].TrimEnd();
        }
        else if (!afterColon.StartsWith(":", StringComparison.Ordinal))
        {
            return false;
        }

        var key = CollapseSpaces(name.ToString()).ToLowerInvariant();
        return Label.IsKnownKey(key);
    }

    private static string Sanitize(string text)
    {
        // NUL has no place in a record, and lone surrogates make Unicode normalization throw.
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var bad = c == '\0'
                || (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
                || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])));
            if (bad && clean is null)
            {
                clean = new StringBuilder(text.Length).Append(text, 0, i);
            }

            clean?.Append(bad ? '\uFFFD' : c);
        }

        var result = clean?.ToString() ?? text;
        return result.Length > 0 && result[0] == '\uFEFF' ? result[1..] : result;
    }

    private static int DeepestNesting(string source)
    {
        var deepest = 0;
        var depth = 0;
        var atLineStart = true;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                depth = 0;
                atLineStart = true;
                continue;
            }

            if (!atLineStart)
            {
                continue;
            }

            if (c is '>' || (c is '-' or '*' or '+' && i + 1 < source.Length && source[i + 1] is ' ' or '\t'))
            {
                depth++;
                deepest = Math.Max(deepest, depth);
            }
            else if (c is not (' ' or '\t'))
            {
                atLineStart = false;
            }
        }

        return deepest;
    }

    /// <summary>Document blocks in source order, with link reference definitions put back where they were written.</summary>
    private static List<Block> TopLevelBlocks(MarkdownDocument document)
    {
        var blocks = new List<Block>();
        foreach (var block in document)
        {
            if (block is LinkReferenceDefinitionGroup group)
            {
                blocks.AddRange(group.Where(d => d.Span.Start >= 0 && d.Span.Length > 0));
            }
            else if (block.Span.Length > 0)
            {
                blocks.Add(block);
            }
        }

        blocks.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return blocks;
    }

    /// <summary>The lines of a paragraph made only of bold runs ("**October 24, 1962**  \n**Title**"), else null.</summary>
    private static List<string>? StrongLines(ParagraphBlock paragraph, MarkupMap map)
    {
        if (paragraph.Inline is null)
        {
            return null;
        }

        var lines = new List<string>();
        foreach (var inline in paragraph.Inline)
        {
            switch (inline)
            {
                case EmphasisInline { DelimiterCount: >= 2 } strong:
                    var text = map.Render(strong.Span.Start, strong.Span.End, joinSoftBreaks: true).Trim();
                    if (text.Length == 0 || text.EndsWith(':'))
                    {
                        return null;
                    }

                    lines.Add(text);
                    break;
                case LineBreakInline:
                    break;
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                    break;
                default:
                    return null;
            }
        }

        return lines.Count > 0 ? lines : null;
    }

    /// <summary>
    /// The date is the first or last header line that reads as a date, else a short first line with a year in it
    /// ("1960s"); the other lines are the title.
    /// </summary>
    private static (string? Date, List<string> Title) SplitHeader(List<string> lines, bool titleFromHeading)
    {
        var title = new List<string>(lines);
        if (lines.Count == 0 || (lines.Count == 1 && !titleFromHeading))
        {
            return (null, title);
        }

        foreach (var index in new[] { 0, lines.Count - 1 }.Distinct())
        {
            if (RecordDate.Parse(lines[index]).Precision != DatePrecision.Unknown)
            {
                title.RemoveAt(index);
                return (lines[index], title);
            }
        }

        if (lines[0].Length <= 40 && HasYear(lines[0]))
        {
            title.RemoveAt(0);
            return (lines[0], title);
        }

        return (null, title);
    }

    private static bool HasYear(string text)
    {
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            run = char.IsAsciiDigit(text[i]) ? run + 1 : 0;
            if (run == 4 && text[i - 3] is '1' or '2')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSourceNote(Block block, MarkupMap map) =>
        block is ParagraphBlock && map.BlockText(block) is var text
        && text.StartsWith("[Source", StringComparison.OrdinalIgnoreCase)
        && text.AsSpan(7).TrimStart().StartsWith(":", StringComparison.Ordinal);

    private static string SourceNoteText(string text, List<RecordProblem> warnings)
    {
        var inner = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        if (inner.EndsWith(']'))
        {
            return inner[..^1].Trim();
        }

        warnings.Add(new("source", "the [Source: …] note has no closing bracket"));
        return inner;
    }

    private static string JoinBlocks(List<Block> blocks, MarkupMap map, string? inlineValue, bool joinSoftBreaks = true)
    {
        var texts = blocks.Select(b => map.BlockText(b, joinSoftBreaks));
        if (inlineValue is not null)
        {
            texts = texts.Prepend(inlineValue);
        }

        return TextNormalizer.Normalize(string.Join("\n\n", texts.Where(t => t.Length > 0)));
    }

    private static List<string>? Markings(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.Length > 0 && lines.All(MarkingRules.IsMarking) ? [.. lines] : null;
    }

    /// <summary>Footnotes written at the end of the body ("[1] text", "[^1]: text") move to their own list.</summary>
    private static List<Footnote> TrailingFootnotes(List<(Block Block, string Text)> body, MarkupMap map)
    {
        var notes = new List<Footnote>();
        while (body.Count > 1 && Footnotes(body[^1].Block, map) is { } found)
        {
            notes.InsertRange(0, found);
            body.RemoveAt(body.Count - 1);
        }

        if (notes.Count > 0 && body.Count > 1
            && (body[^1].Block is ThematicBreakBlock || body[^1].Text.TrimEnd(':').ToUpperInvariant() is "NOTES" or "FOOTNOTES" or "ENDNOTES"))
        {
            body.RemoveAt(body.Count - 1);
        }

        return notes;
    }

    private static List<Footnote>? Footnotes(Block block, MarkupMap map)
    {
        if (block is not (ParagraphBlock or LinkReferenceDefinition))
        {
            return null;
        }

        var notes = new List<(string Label, StringBuilder Text)>();
        foreach (var line in map.BlockText(block, joinSoftBreaks: false).Split('\n'))
        {
            if (FootnoteStart(line) is var (label, rest))
            {
                notes.Add((label, new StringBuilder(rest)));
            }
            else if (notes.Count == 0)
            {
                return null;
            }
            else
            {
                notes[^1].Text.Append(' ').Append(line.Trim());
            }
        }

        return [.. notes.Select(n => new Footnote(
            n.Label,
            int.TryParse(n.Label, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null,
            n.Text.ToString().Trim()))];
    }

    /// <summary>"[1] text", "[1]: text", "[^a]: text", "[*] text" — but never an editorial mark such as "[do] you".</summary>
    private static (string Label, string Remainder)? FootnoteStart(string line)
    {
        if (line.Length < 3 || line[0] != '[')
        {
            return null;
        }

        var close = line.IndexOf(']', StringComparison.Ordinal);
        if (close < 2 || close > 24)
        {
            return null;
        }

        var label = line[1..close];
        var caret = label[0] == '^';
        if (caret)
        {
            label = label[1..];
        }

        var valid = label.Length > 0 && (caret
            ? label.All(c => char.IsLetterOrDigit(c) || c is '-' or '_')
            : label.Length <= 4 && (label.All(char.IsAsciiDigit) || label.All(c => c is '*' or '†')));
        if (!valid)
        {
            return null;
        }

        var rest = line[(close + 1)..];
        if (rest.StartsWith(':'))
        {
            rest = rest[1..];
        }

        return rest.Length == 0 || char.IsWhiteSpace(rest[0]) ? (label, rest.Trim()) : null;
    }

    private static (string? Name, List<string> Tags) OriginalLanguages(string? text, List<RecordProblem> warnings)
    {
        var tags = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            warnings.Add(new("originalLanguage", "no Original Language section"));
            return (null, tags);
        }

        var names = text.Split([",", ";", "/", " and ", "\n"], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            if (LanguageTags.FromName(name) is { } tag)
            {
                tags.Add(tag);
            }
            else
            {
                warnings.Add(new("originalLanguage", $"\"{Shorten(name)}\" is not a known language name"));
            }
        }

        return (names.Length > 0 ? names[0] : text.Trim(), tags);
    }

    private static ContentsLine ContentsOf(string? text, List<RecordProblem> warnings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            warnings.Add(new("contents", "no Contents section"));
            return new ContentsLine(null, null);
        }

        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ContentsLine.Read).ToList();
        var chosen = lines.FirstOrDefault(l => l.Language is not null) ?? lines.FirstOrDefault() ?? new ContentsLine(null, null);
        if (chosen.Language is null)
        {
            warnings.Add(new("contents", $"\"{Shorten(text)}\" names no known language"));
        }

        return chosen;
    }

    /// <summary>The text after <paramref name="title"/> when the text starts with it as a whole phrase, else null.</summary>
    private static string? RepeatedTitle(string text, string title)
    {
        // A short title ("Telegram") may well be the text's first word.
        if (title.Length < 20 || !text.StartsWith(title, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text[title.Length..];
        return rest.Length == 0 ? rest : rest[0] is ' ' or '\n' ? rest.TrimStart() : null;
    }

    private static string CollapseSpaces(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>A bold label paragraph: "**Summary:**" alone, or "**Summary:** text" for metadata labels.</summary>
    private sealed record Label(string Name, string Key, string? InlineValue, Block Block)
    {
        private static readonly HashSet<string> MetadataKeys = new(StringComparer.Ordinal)
        {
            "citation", "summary", "original language", "original languages", "language", "languages", "contents",
            "content", "source", "date",
        };

        public bool IsMetadata => MetadataKeys.Contains(Key);

        public static bool IsKnownKey(string key) => MetadataKeys.Contains(key) || TrailerLabels.Contains(key);

        public static Label? Of(Block block, MarkupMap map)
        {
            if (block is HeadingBlock heading)
            {
                var text = map.BlockText(heading).TrimEnd(':').Trim();
                var key = KeyOf(text);
                return IsKnownKey(key) ? new Label(text, key, null, block) : null;
            }

            if (block is not ParagraphBlock { Inline: { } inline })
            {
                return null;
            }

            var first = inline.FirstChild;
            while (first is LiteralInline literal && literal.Content.IsEmptyOrWhitespace())
            {
                first = first.NextSibling;
            }

            if (first is not EmphasisInline { DelimiterCount: >= 2 } strong)
            {
                return null;
            }

            var name = map.Render(strong.Span.Start, strong.Span.End, joinSoftBreaks: true).Trim();
            var valueStart = strong.Span.End + 1;
            if (name.EndsWith(':'))
            {
                name = name[..^1].TrimEnd();
            }
            else if (strong.NextSibling is LiteralInline colon && colon.Content.AsSpan().TrimStart().StartsWith(":", StringComparison.Ordinal))
            {
                valueStart = map.Source.IndexOf(':', Math.Max(0, colon.Span.Start)) + 1;
            }
            else
            {
                return null;
            }

            if (name.Length is 0 or > 80 || name.Contains('\n', StringComparison.Ordinal))
            {
                return null;
            }

            var labelKey = KeyOf(name);
            // Contents lines stay lines ("Original Scan" / "Translation - English"); other values are one paragraph.
            var value = map.Render(valueStart, block.Span.End, joinSoftBreaks: labelKey is not ("contents" or "content")).Trim();
            if (value.Length == 0)
            {
                return new Label(name, labelKey, null, block);
            }

            // "**Khrushchev:** text" in a conversation is text, not a section.
            return IsKnownKey(labelKey) ? new Label(name, labelKey, value, block) : null;
        }

        private static string KeyOf(string name) => CollapseSpaces(name).ToLowerInvariant();
    }
}
