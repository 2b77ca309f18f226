namespace Provenance.Data.Entities;

/// <summary>One rendering of a document in one language by one translator, with a linear revision history.</summary>
public class Translation
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public Document? Document { get; set; }
    /// <summary>BCP 47 tag, e.g. <c>en</c>.</summary>
    public required string Language { get; set; }
    /// <summary><c>translation</c>, or <c>original</c> for a transcription of the original.</summary>
    public required string Kind { get; set; }
    public long? TranslatorId { get; set; }
    public Contributor? Translator { get; set; }
    /// <summary>The newest revision of the linear history, whatever its status.</summary>
    public long? HeadRevisionId { get; set; }
    public Revision? HeadRevision { get; set; }
    /// <summary>The published revision: the newest approved one.</summary>
    public long? CurrentRevisionId { get; set; }
    public Revision? CurrentRevision { get; set; }
    public List<Revision> Revisions { get; set; } = [];
    /// <summary>Everyone credited with the translation and in which role; <see cref="Translator"/> is the first translator.</summary>
    public List<TranslationContributor> Contributors { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>PostgreSQL <c>xmin</c>: moving the head is an optimistic-concurrency update.</summary>
    public uint Version { get; set; }
}

public static class TranslationKinds
{
    public const string Translation = "translation";
    public const string Original = "original";
}
