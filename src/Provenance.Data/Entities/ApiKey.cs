namespace Provenance.Data.Entities;

/// <summary>A bearer key; only its SHA-256 is stored, the key itself is shown once.</summary>
public class ApiKey
{
    public long Id { get; set; }
    public long ContributorId { get; set; }
    public Contributor? Contributor { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>The first characters of the key, so an admin can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public static class Roles
{
    public const string Editor = "editor";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Editor, Reviewer, Admin];
}
