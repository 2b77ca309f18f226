namespace Provenance.Data.Entities;

/// <summary>A contributor of a translation in one role; a translation can have several (two translators and an editor).</summary>
public class TranslationContributor
{
    public long Id { get; set; }
    public long TranslationId { get; set; }
    public long ContributorId { get; set; }
    public Contributor? Contributor { get; set; }
    /// <summary>One of <see cref="ContributorRoles.All"/>.</summary>
    public required string Role { get; set; }
    /// <summary>1, 2, 3… as the contributors were named.</summary>
    public int Order { get; set; }
}

public static class ContributorRoles
{
    public const string Translator = "translator";
    public const string Transcriber = "transcriber";
    public const string Editor = "editor";

    public static readonly IReadOnlyList<string> All = [Translator, Transcriber, Editor];
}
