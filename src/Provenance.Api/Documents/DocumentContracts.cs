using System.Globalization;
using Provenance.Data.Entities;

namespace Provenance.Api.Documents;

public sealed record ArchiveView(string Code, string Name);

/// <summary>One row of the document list.</summary>
public sealed record DocumentSummary(
    long Id,
    string Title,
    string? Date,
    string? DateText,
    string? OriginalLanguage,
    ArchiveView? Archive,
    IReadOnlyList<string> Translators);

public sealed record CustodyStepView(int Order, string Holder, string Relation, string? Place);

public sealed record TranslationView(
    long Id,
    long DocumentId,
    string Language,
    string Kind,
    string? Translator,
    long? CurrentRevisionId,
    long? HeadRevisionId)
{
    /// <summary>The original its published text renders and whether passages need review; null when that revision names none.</summary>
    public Translations.TranslationSourceView? Source { get; init; }
}

/// <summary>The whole record.</summary>
public sealed record DocumentDetail(
    long Id,
    string Title,
    string? Date,
    string? DateText,
    string DatePrecision,
    string? OriginalLanguage,
    string? OriginalLanguageName,
    ArchiveView? Archive,
    IReadOnlyList<string> Translators,
    string? Summary,
    string? Citation,
    IReadOnlyList<string> Markings,
    IReadOnlyList<CustodyStepView> Custody,
    string? PublisherName,
    string? PublisherUrl,
    string? PublisherRecordId,
    string? SourceNote,
    IReadOnlyList<RecordSection> ExtraSections,
    IReadOnlyList<Footnote> Footnotes,
    IReadOnlyList<TranslationView> Translations,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ArchivalReference = null);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class IsoDate
{
    /// <summary>ISO 8601 as precise as known: <c>1962-10-24</c>, <c>1962-10</c> or <c>1962</c>.</summary>
    public static string? Format(DateOnly? date, DatePrecision precision) => date is not { } d ? null : precision switch
    {
        DatePrecision.Year => d.ToString("yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Parses <c>yyyy</c>, <c>yyyy-MM</c> or <c>yyyy-MM-dd</c> into the first and last day it covers.</summary>
    public static bool TryParseRange(string text, out DateOnly first, out DateOnly last)
    {
        var c = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", c, DateTimeStyles.None, out first))
        {
            last = first;
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM", c, DateTimeStyles.None, out first))
        {
            last = first.AddMonths(1).AddDays(-1);
            return true;
        }

        if (text.Length == 4 && DateOnly.TryParseExact(text, "yyyy", c, DateTimeStyles.None, out first))
        {
            last = first.AddYears(1).AddDays(-1);
            return true;
        }

        last = default;
        return false;
    }
}
