namespace Provenance.Data.Entities;

/// <summary>A person or organization: translator, editor, reviewer, publisher.</summary>
public class Contributor
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public ContributorKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ContributorKind
{
    Person,
    Organization,
    /// <summary>The service itself, e.g. the author of the first-start seed import.</summary>
    System,
}
