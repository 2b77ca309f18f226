using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Provenance.Data.Entities;
using Provenance.Import;
using Provenance.Text;

namespace Provenance.Data.Imports;

/// <summary>
/// One record, read, parsed and turned into the column values the <see cref="RecordWriter"/> writes: all CPU
/// work, done before the batch goes to PostgreSQL (in parallel by the bulk import).
/// </summary>
public sealed class PreparedRecord
{
    /// <summary>Where the record came from: a file name, or "request".</summary>
    public required string File { get; init; }
    /// <summary>Why the record cannot be imported at all.</summary>
    public List<RecordProblem> Errors { get; } = [];
    /// <summary>What the reader could not place or had to warn about; the record imports anyway.</summary>
    public IReadOnlyList<RecordProblem> Warnings { get; init; } = [];
    /// <summary>Values too long for the columns of a new document (only matters when the record creates one).</summary>
    internal List<RecordProblem> DocumentErrors { get; } = [];
    /// <summary>Values too long for the columns of a new translation or revision (only matters when one is added).</summary>
    internal List<RecordProblem> TextErrors { get; } = [];
    public ParsedRecord? Record { get; init; }
    public string Text { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public string Language { get; init; } = "en";
    public string Kind { get; init; } = TranslationKinds.Translation;
    /// <summary>Null when the record names no translator, as in <c>RecordImporter</c>.</summary>
    public string? Translator { get; init; }
    public string DatePrecision { get; init; } = nameof(Data.Entities.DatePrecision.Unknown);
    public string[] Markings { get; init; } = [];
    public string ExtraSectionsJson { get; init; } = "[]";
    public string FootnotesJson { get; init; } = "[]";
    public string RevisionSummary { get; init; } = "";
    /// <summary>The review comment of a text a migration published without review.</summary>
    public string MigrationComment { get; init; } = "";

    /// <summary>The search vector of a document made from this record alone, computed ahead of the write.</summary>
    internal NpgsqlTypes.NpgsqlTsVector? SearchVector { get; set; }

    public bool IsValid => Record is not null && Errors.Count == 0;

    /// <summary>The record's identity: its publisher URL, else its title and date.</summary>
    internal RecordKey Key => Record!.PublisherUrl is { } url ? new RecordKey(url, null, null) : new RecordKey(null, Record.Title, Record.DateText);
}

internal readonly record struct RecordKey(string? Url, string? Title, string? DateText);

/// <summary>Parses records and checks their values against the model's column lengths.</summary>
public sealed class RecordPreparer(IModel model)
{
    // Same JSON as the jsonb value converter of Document.ExtraSections and Document.Footnotes.
    private static readonly JsonSerializerOptions ColumnJson = new(JsonSerializerDefaults.Web);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a record file (strict UTF-8, at most <see cref="WilsonCenterRecordReader.MaxRecordLength"/> bytes) and prepares it.</summary>
    public PreparedRecord PrepareFile(string path)
    {
        var file = Path.GetFileName(path);
        string content;
        try
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            if (bytes.Length > WilsonCenterRecordReader.MaxRecordLength)
            {
                return Failed(file, new("file", $"larger than {WilsonCenterRecordReader.MaxRecordLength} bytes"));
            }

            content = StrictUtf8.GetString(bytes);
            if (content.Length > 0 && content[0] == '\uFEFF')
            {
                content = content[1..];
            }
        }
        catch (DecoderFallbackException)
        {
            return Failed(file, new("file", "not valid UTF-8"));
        }
        catch (IOException e)
        {
            return Failed(file, new("file", e.Message));
        }

        return Prepare(file, content);
    }

    /// <summary>Parses one record's text and turns it into column values; a record that does not parse carries its errors.</summary>
    public PreparedRecord Prepare(string file, string content)
    {
        var parsed = WilsonCenterRecordReader.Parse(content);
        if (!parsed.IsSuccess)
        {
            var failed = new PreparedRecord { File = file, Warnings = parsed.Warnings };
            failed.Errors.AddRange(parsed.Errors);
            if (failed.Errors.Count == 0)
            {
                failed.Errors.Add(new("record", "not readable"));
            }

            return failed;
        }

        var record = parsed.Record!;
        var text = TextNormalizer.Normalize(record.Body);
        var prepared = new PreparedRecord
        {
            File = file,
            Warnings = parsed.Warnings,
            Record = record,
            Text = text,
            Sha256 = TextNormalizer.Sha256Hex(text),
            Language = record.ContentsLanguage ?? "en",
            Kind = record.ContentsKind ?? TranslationKinds.Translation,
            Translator = string.IsNullOrWhiteSpace(record.Translator) ? null : record.Translator,
            DatePrecision = record.DatePrecision.ToString(),
            Markings = [.. record.Markings],
            ExtraSectionsJson = JsonSerializer.Serialize(record.ExtraSections.Select(s => new Data.Entities.RecordSection(s.Name, s.Text)).ToList(), ColumnJson),
            FootnotesJson = JsonSerializer.Serialize(record.Footnotes.Select(f => new Data.Entities.Footnote(f.Marker, f.Text)).ToList(), ColumnJson),
            RevisionSummary = record.PublisherUrl is { } url ? $"Imported from {url}" : "Imported from the source record",
            MigrationComment = $"Published without review: migrated as published by {record.PublisherName ?? "the source record's publisher"}",
        };
        CheckLengths(prepared);
        return prepared;
    }

    private static PreparedRecord Failed(string file, RecordProblem reason)
    {
        var failed = new PreparedRecord { File = file };
        failed.Errors.Add(reason);
        return failed;
    }

    /// <summary>
    /// A value longer than its column would fail the whole batch's COPY; say which field instead.
    /// Checked only where it would be written: a known record's over-long title is never stored.
    /// </summary>
    private void CheckLengths(PreparedRecord p)
    {
        var r = p.Record!;
        var document = p.DocumentErrors;
        var text = p.TextErrors;
        Check<Document>(document, "title", nameof(Document.Title), r.Title);
        Check<Document>(document, "date", nameof(Document.DateText), r.DateText);
        Check<Document>(document, "summary", nameof(Document.Summary), r.Summary);
        Check<Document>(document, "originalLanguage", nameof(Document.OriginalLanguage), r.OriginalLanguage);
        Check<Document>(document, "originalLanguage", nameof(Document.OriginalLanguageName), r.OriginalLanguageName);
        Check<Document>(document, "source", nameof(Document.ArchivalReference), r.Source?.ArchivalReference);
        Check<Document>(document, "citation", nameof(Document.CitationText), r.CitationText);
        Check<Document>(document, "publisher", nameof(Document.PublisherName), r.PublisherName);
        Check<Document>(document, "publisherUrl", nameof(Document.PublisherUrl), r.PublisherUrl);
        Check<Document>(document, "publisherUrl", nameof(Document.PublisherRecordId), r.PublisherRecordId);
        Check<Document>(document, "source", nameof(Document.SourceNote), r.Source?.Text);
        Check<Archive>(document, "source", nameof(Archive.Code), r.Source?.HoldingArchiveCode);
        Check<Archive>(document, "source", nameof(Archive.Name), r.Source?.HoldingArchiveName);
        Check<Archive>(document, "source", nameof(Archive.Place), r.Source?.HoldingPlace);
        foreach (var step in r.Source?.Custody ?? [])
        {
            Check<Data.Entities.CustodyStep>(document, "source", nameof(Data.Entities.CustodyStep.Holder), step.Holder);
            Check<Data.Entities.CustodyStep>(document, "source", nameof(Data.Entities.CustodyStep.Relation), step.Relation);
            Check<Data.Entities.CustodyStep>(document, "source", nameof(Data.Entities.CustodyStep.Place), step.Place);
        }

        Check<Translation>(text, "contents", nameof(Translation.Language), p.Language);
        Check<Translation>(text, "contents", nameof(Translation.Kind), p.Kind);
        Check<Contributor>(text, "translator", nameof(Contributor.Name), p.Translator);
        Check<Revision>(text, "publisherUrl", nameof(Revision.Summary), p.RevisionSummary);
        Check<Revision>(text, "publisher", nameof(Revision.ReviewComment), p.MigrationComment);
        Check<Citation>(document, "source", nameof(Citation.Archive), r.Source?.HoldingArchiveName);
        Check<Citation>(document, "publisher", nameof(Citation.Publisher), r.PublisherName);
    }

    private void Check<TEntity>(List<RecordProblem> errors, string field, string property, string? value)
    {
        if (value is null)
        {
            return;
        }

        var max = model.FindEntityType(typeof(TEntity))?.FindProperty(property)?.GetMaxLength();
        if (max is { } limit && value.Length > limit)
        {
            var problem = new RecordProblem(field, $"{typeof(TEntity).Name}.{property} is {value.Length} characters, at most {limit} fit");
            if (!errors.Contains(problem))
            {
                errors.Add(problem);
            }
        }
    }
}
