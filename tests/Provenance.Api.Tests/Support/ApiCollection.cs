using Provenance.Testing;

namespace Provenance.Api.Tests.Support;

/// <summary>
/// All API tests share one PostgreSQL server and run one class at a time; each class's hosts (<see cref="ApiHost"/>
/// fixtures, or hosts started per test) have databases of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<TestPostgres>
{
    public const string Name = "api";
}
