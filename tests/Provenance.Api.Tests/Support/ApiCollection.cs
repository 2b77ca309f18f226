using Provenance.Testing;

namespace Provenance.Api.Tests.Support;

/// <summary>All API tests share one PostgreSQL server; each class starts hosts on databases of its own.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<TestPostgres>
{
    public const string Name = "api";
}
