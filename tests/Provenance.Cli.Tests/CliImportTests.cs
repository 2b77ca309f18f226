using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Cli.BulkImport;
using Provenance.Data.Entities;
using Provenance.Testing;

namespace Provenance.Cli.Tests;

/// <summary>
/// <c>provenance import</c> as a user runs it (the built command, a real process): proposed texts need someone who
/// proposes them, named with <c>--as</c>, and that person cannot then approve them alone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CliImportTests(TestPostgres postgres) : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"provenance-cli-{Guid.NewGuid():N}");
    private WritePathHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WritePathHost.StartAsync(postgres);
        SampleRecords.Write(_folder, 3, seed: 11);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Exit, string Output)> ImportAsync(params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "provenance.dll"), "import", _folder, "--connection", _host.Api.ConnectionString, .. options])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task Without_a_proposer_or_publish_the_import_is_refused_and_writes_nothing()
    {
        var (exit, output) = await ImportAsync();
        Assert.Equal(2, exit);
        Assert.Contains("--as", output, StringComparison.Ordinal);

        (exit, output) = await ImportAsync("--as", "Nobody Known");
        Assert.Equal(2, exit);
        Assert.Contains("No contributor is named \"Nobody Known\"", output, StringComparison.Ordinal);

        (exit, output) = await ImportAsync("--as", "Nobody Known", "--publish");
        Assert.Equal(2, exit);
        Assert.Equal(0, await _host.DbAsync(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Texts_are_proposed_by_the_named_contributor_who_cannot_approve_them()
    {
        var editorKey = await _host.KeyAsync("Ida Importer", "editor", "reviewer");
        var (exit, output) = await ImportAsync("--as", "Ida Importer");
        Assert.True(exit == 0, output);

        var revisions = await _host.DbAsync(db => db.Revisions.Select(r => new { r.Id, r.Status, Author = r.Author!.Name }).ToListAsync());
        Assert.Equal(3, revisions.Count);
        Assert.All(revisions, r => Assert.Equal((RevisionStatus.Proposed, "Ida Importer"), (r.Status, r.Author)));

        using var importer = _host.Client(editorKey);
        var own = await importer.PostAsJsonAsync($"/api/revisions/{revisions[0].Id}/review", new { decision = "approve", comment = "mine" });
        await HttpAssert.ProblemAsync(own, HttpStatusCode.Forbidden);

        using var reviewer = _host.Client(await _host.KeyAsync("Rita Reviewer", "reviewer"));
        await HttpAssert.JsonAsync(await reviewer.PostAsJsonAsync($"/api/revisions/{revisions[0].Id}/review", new { decision = "approve", comment = "checked" }));
    }
}
