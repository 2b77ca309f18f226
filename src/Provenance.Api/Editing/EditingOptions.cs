using System.ComponentModel.DataAnnotations;

namespace Provenance.Api.Editing;

/// <summary>Limits on what an editor may submit (<c>Provenance:Editing</c>).</summary>
public sealed class EditingOptions
{
    public const string Section = "Provenance:Editing";

    /// <summary>Largest revision text, in UTF-8 bytes after normalization; beyond it the answer is 413.</summary>
    [Range(1, 256 * 1024 * 1024)]
    public int MaxTextBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most citations one submission may attach.</summary>
    [Range(0, 1000)]
    public int MaxCitations { get; set; } = 50;

    /// <summary>
    /// Largest request body: twice the text limit (JSON escapes) plus 1 MiB for the summary and citations.
    /// </summary>
    public long MaxBodyBytes => (2L * MaxTextBytes) + (1024 * 1024);
}

/// <summary>Per-key limits on write requests (<c>Provenance:RateLimit</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Provenance:RateLimit";

    /// <summary>Write requests one API key may make per window.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>The window length; a minute unless a test wants otherwise.</summary>
    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Diff previews (<c>POST /api/diff</c>) per window from one client address without a key.</summary>
    [Range(1, 1_000_000)]
    public int AnonymousDiffsPerMinute { get; set; } = 60;

    /// <summary>Diff previews per window with one API key: enough for preview-as-you-type and benchmarks.</summary>
    [Range(1, 1_000_000)]
    public int KeyedDiffsPerMinute { get; set; } = 300;

    /// <summary>Diff previews computed at once on this instance, whoever sends them; more are 429 at once.</summary>
    [Range(1, 1024)]
    public int DiffConcurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How long one diff preview may take, reading its body included; beyond it the answer is 503.</summary>
    [Range(1, 300)]
    public int DiffTimeoutSeconds { get; set; } = 5;
}
