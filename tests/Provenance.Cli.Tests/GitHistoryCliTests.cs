using Provenance.Cli.ImportHistory;
using Provenance.Testing;

namespace Provenance.Cli.Tests;

/// <summary><c>provenance import-history</c>: a file's history read from a real git repository (renames followed) and imported through the API.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GitHistoryCliTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private string _repository = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres);
        _repository = Directory.CreateTempSubdirectory("pv-git-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_repository, recursive: true);
    }

    /// <summary>Commits each corpus revision with its date and scholar as author; renames the file halfway and commits an unrelated file between.</summary>
    private (string Path, CorpusText Text) BuildRepository()
    {
        var text = GenizaCorpus.Load().OrderByDescending(t => t.Revisions.Count).First();
        GenizaCorpus.Git(_repository, null, "init", "--quiet");
        var path = "transcriptions/first-name.txt";
        Directory.CreateDirectory(Path.Combine(_repository, "transcriptions"));
        for (var i = 0; i < text.Revisions.Count; i++)
        {
            if (i == text.Revisions.Count / 2)
            {
                GenizaCorpus.Git(_repository, null, "mv", path, "transcriptions/renamed.txt");
                path = "transcriptions/renamed.txt";
                File.WriteAllText(Path.Combine(_repository, "other.txt"), $"unrelated {i}\n");
                GenizaCorpus.Git(_repository, null, "add", "other.txt");
            }

            File.WriteAllText(Path.Combine(_repository, path), text.Revisions[i].Text);
            GenizaCorpus.Git(_repository, null, "add", path);
            var date = text.Revisions[i].Date.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            GenizaCorpus.Git(_repository, null, new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date },
                "commit", "--quiet", "--allow-empty", $"--author={GenizaCorpus.Author(text)} <pgp@example.org>", "-m", $"PGP commit {text.Revisions[i].Commit}\n\nRevision {i + 1} of {text.Path}");
        }

        File.WriteAllText(Path.Combine(_repository, "other.txt"), "unrelated, later\n");
        GenizaCorpus.Git(_repository, null, "commit", "--quiet", "-am", "Touch another file only");
        return (path, text);
    }

    [Fact]
    public async Task Reads_a_files_history_across_a_rename_oldest_first_with_authors_dates_and_messages()
    {
        var (path, text) = BuildRepository();
        var versions = await GitHistoryReader.ReadAsync(_repository, path, CancellationToken.None);

        Assert.Equal(text.Revisions.Count, versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            Assert.Equal(text.Revisions[i].Text, versions[i].Text);
            Assert.Equal(GenizaCorpus.Author(text), versions[i].Author);
            Assert.Equal(text.Revisions[i].Date, versions[i].AuthoredAt);
            Assert.Equal(text.Revisions[i].Date.Offset, versions[i].AuthoredAt.Offset);
            Assert.Equal($"PGP commit {text.Revisions[i].Commit}\n\nRevision {i + 1} of {text.Path}", versions[i].Message);
        }

        Assert.Equal("transcriptions/first-name.txt", versions[0].Path);
        Assert.Equal("transcriptions/renamed.txt", versions[^1].Path);
    }

    [Fact]
    public async Task Imports_the_git_history_through_the_api_and_the_texts_come_back_byte_for_byte()
    {
        var (path, text) = BuildRepository();
        using var editor = await _host.Api.CreateClientWithRolesAsync("editor");
        var documentId = await GenizaCorpus.AddDocumentAsync(editor, text.Pgpid);
        var translationId = await GenizaCorpus.AddTranslationAsync(editor, documentId, text);

        var versions = await GitHistoryReader.ReadAsync(_repository, path, CancellationToken.None);
        var (ok, body) = await HistoryImportCommand.SendAsync(editor, translationId, versions, publishWithoutReview: false, CancellationToken.None);
        Assert.True(ok, body);

        var history = (await HttpAssert.JsonAsync(await editor.GetAsync($"/api/translations/{translationId}/history"))).EnumerateArray().ToList();
        Assert.Equal(text.Revisions.Count, history.Count);
        for (var i = 0; i < history.Count; i++)
        {
            var revision = await HttpAssert.JsonAsync(await editor.GetAsync($"/api/revisions/{history[i].GetProperty("revisionId").GetInt64()}"));
            Assert.True(text.Revisions[i].Normalized == revision.GetProperty("text").GetString(), $"revision {i + 1} came back changed");
            Assert.Equal(text.Revisions[i].Date, history[i].GetProperty("authoredAt").GetDateTimeOffset());
            Assert.Equal(GenizaCorpus.Author(text), history[i].GetProperty("author").GetString());
            Assert.StartsWith($"PGP commit {text.Revisions[i].Commit}", history[i].GetProperty("summary").GetString(), StringComparison.Ordinal);
        }

        // An editor may not publish without review; the command reports the API's refusal.
        var (refused, problem) = await HistoryImportCommand.SendAsync(editor, translationId, versions, publishWithoutReview: true, CancellationToken.None);
        Assert.False(refused);
        Assert.Contains("admin", HistoryImportCommand.Describe(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_git_does_not_know_is_an_error_naming_it()
    {
        BuildRepository();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GitHistoryReader.ReadAsync(_repository, "no-such-file.txt", CancellationToken.None));
        Assert.Contains("no-such-file.txt", error.Message, StringComparison.Ordinal);
    }
}
