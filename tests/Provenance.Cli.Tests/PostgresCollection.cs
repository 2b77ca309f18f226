using Provenance.Testing;

namespace Provenance.Cli.Tests;

/// <summary>The tests that need PostgreSQL share one server; each starts hosts or databases of its own on it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<TestPostgres>
{
    public const string Name = "postgres";
}
