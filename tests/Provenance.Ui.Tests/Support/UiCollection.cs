using Provenance.Testing;

namespace Provenance.Ui.Tests.Support;

/// <summary>
/// UI tests share one PostgreSQL server; each test class gets its own <see cref="UiHost"/>
/// (a Kestrel-hosted API on a fresh database plus one headless Chromium).
/// </summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<TestPostgres>
{
    public const string Name = "ui";
}
