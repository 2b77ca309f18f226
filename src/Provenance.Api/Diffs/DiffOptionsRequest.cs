using System.ComponentModel.DataAnnotations;
using Provenance.Text.Diff;

namespace Provenance.Api.Diffs;

public sealed class DiffLimits
{
    public const string Section = "Provenance:Diff";

    /// <summary>Largest text on either side of <c>POST /api/diff</c>, in bytes (4 MB by default).</summary>
    [Range(1024, 1L << 30)]
    public long MaxTextBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Cost cap of one comparison in token pairs; beyond it the diff is coarser and says so.</summary>
    [Range(1000, long.MaxValue)]
    public long MaxTokenPairs { get; set; } = DiffOptions.Default.MaxTokenPairs;

    /// <summary>
    /// Most lines (side-by-side rows) one JSON answer covers; a larger diff is sent in pages of whole operations,
    /// each saying where the next starts (<c>page.nextOffset</c>).
    /// </summary>
    [Range(100, int.MaxValue)]
    public int MaxLinesPerPage { get; set; } = 20_000;

    /// <summary>Most translations one collation takes: each after the first is aligned with the first, and every pair is diffed per row.</summary>
    [Range(2, 64)]
    public int MaxCollationWitnesses { get; set; } = 8;

    /// <summary>Most text one collation reads, all its translations together, in bytes of UTF-8 (1 MB by default).</summary>
    [Range(1024, 1L << 30)]
    public long MaxCollationTextBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Most characters one JSON answer carries (texts and spans, with an allowance for the keys of each span and
    /// row); a diff of few but long lines is paged by this.
    /// </summary>
    [Range(10_000, int.MaxValue)]
    public int MaxCharactersPerPage { get; set; } = 1_000_000;

    /// <summary>Most spans one operation larger than a page is sent with; beyond it they are merged into coarser ones.</summary>
    [Range(100, int.MaxValue)]
    public int MaxSpansPerPage { get; set; } = 10_000;
}

public enum DiffFormat
{
    Json,
    Unified,
    Html,
}

/// <summary>
/// Which parts of a JSON diff are sent: both (the default), operations only, rows only, or operations with every
/// text sent once (in spans, or as <c>leftText</c> for equal operations).
/// </summary>
public enum DiffView
{
    Full,
    Inline,
    SideBySide,
    Compact,
}

/// <summary>
/// The query parameters every diff endpoint takes: granularity, format, context, and for JSON view and collapse
/// (null: unchanged stretches are sent whole).
/// </summary>
public sealed record DiffQuery(
    DiffGranularity Granularity, DiffFormat Format, int Context, DiffView View = DiffView.Full, int? Collapse = null, int Offset = 0)
{
    public const int MaxContext = 10_000;

    /// <summary>Parses the raw parameters; errors are keyed by parameter name.</summary>
    public static DiffQuery Parse(
        string? granularity, string? format, int? context, string? view, int? collapse, Dictionary<string, string[]> errors, int? offset = null)
    {
        var g = DiffGranularity.Word;
        if (!string.IsNullOrEmpty(granularity) && !TryParseName(granularity, out g))
        {
            errors["granularity"] = ["granularity is line, word or char."];
        }

        var f = DiffFormat.Json;
        if (!string.IsNullOrEmpty(format) && !TryParseName(format, out f))
        {
            errors["format"] = ["format is json, unified or html."];
        }

        if (context is < 0 or > MaxContext)
        {
            errors["context"] = [$"context is between 0 and {MaxContext}."];
        }

        var v = view?.ToLowerInvariant() switch
        {
            null or "" or "full" => DiffView.Full,
            "inline" => DiffView.Inline,
            "side-by-side" or "sidebyside" or "side" => DiffView.SideBySide,
            "compact" => DiffView.Compact,
            _ => (DiffView?)null,
        };
        if (v is null)
        {
            errors["view"] = ["view is full, inline, side-by-side or compact."];
        }

        if (collapse is < 0 or > MaxContext)
        {
            errors["collapse"] = [$"collapse is between 0 and {MaxContext}."];
        }

        if (offset < 0)
        {
            errors["offset"] = ["offset is the index of the first operation of a page, 0 or more."];
        }

        return new DiffQuery(g, f, context ?? 3, v ?? DiffView.Full, collapse, offset ?? 0);
    }

    private static bool TryParseName<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
