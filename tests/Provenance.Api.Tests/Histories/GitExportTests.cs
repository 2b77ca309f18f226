using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Histories;

/// <summary>
/// Exports imported Geniza histories as <c>git fast-import</c> streams, runs real git on them, and
/// compares <c>git log</c> and <c>git blame</c> with the service's history and blame.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GitExportTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _editor = null!;
    private string _editorName = null!;
    private HttpClient _reader = null!;
    private readonly List<string> _folders = [];

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres);
        _editorName = $"Exporting editor {Guid.NewGuid():N}";
        _editor = _host.Api.ClientWithKey(await _host.Api.CreateKeyAsync(_editorName, "editor"));
        _reader = _host.Api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pv-git-").FullName;
        _folders.Add(folder);
        return folder;
    }

    public static IEnumerable<object[]> LongHistories() =>
        GenizaCorpus.Load().Where(t => t.Revisions.Count >= 3).Select(t => new object[] { t.Revisions[0].File });

    [Theory]
    [MemberData(nameof(LongHistories))]
    public async Task Git_log_and_git_blame_of_the_exported_history_agree_with_the_service(string firstFile)
    {
        var text = GenizaCorpus.Load().Single(t => t.Revisions[0].File == firstFile);
        var documentId = await GenizaCorpus.AddDocumentAsync(_editor, text.Pgpid);
        var translationId = await GenizaCorpus.AddTranslationAsync(_editor, documentId, text);
        await HttpAssert.JsonAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text)), HttpStatusCode.Created);
        var history = (await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/history"))).EnumerateArray().ToList();

        var export = await _reader.GetAsync($"/api/translations/{translationId}/history?format=git-fast-import");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/x-git-fast-import", export.Content.Headers.ContentType?.MediaType);
        var repository = NewFolder();
        GenizaCorpus.Git(repository, null, "init", "--quiet");
        GenizaCorpus.Git(repository, await export.Content.ReadAsByteArrayAsync(), "fast-import", "--quiet");
        GenizaCorpus.Git(repository, null, "checkout", "--quiet", "main");

        // git log: one commit per revision, oldest first, with the historical author, date and message;
        // the committer is who imported it, at the server's time.
        var log = GenizaCorpus.Git(repository, null, "log", "--reverse", "--format=%H%x1f%an%x1f%aI%x1f%cn%x1f%ct%x1f%B%x1e")
            .Split('\u001e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split('\u001f')).ToList();
        Assert.Equal(history.Count, log.Count);
        var path = $"translation-{translationId}.{text.Language}.txt";
        var texts = new List<string>();
        for (var i = 0; i < log.Count; i++)
        {
            var (commit, entry) = (log[i], history[i]);
            Assert.Equal(entry.GetProperty("author").GetString(), commit[1]);
            Assert.Equal(entry.GetProperty("authoredAt").GetDateTimeOffset(), DateTimeOffset.Parse(commit[2], CultureInfo.InvariantCulture));
            Assert.Equal(text.Revisions[i].Date.Offset, DateTimeOffset.Parse(commit[2], CultureInfo.InvariantCulture).Offset);
            Assert.Equal(_editorName, commit[3]);
            Assert.Equal(entry.GetProperty("createdAt").GetDateTimeOffset().ToUnixTimeSeconds(), long.Parse(commit[4], CultureInfo.InvariantCulture));
            Assert.Equal(entry.GetProperty("summary").GetString(), commit[5].Trim());
            var stored = (await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/revisions/{entry.GetProperty("revisionId").GetInt64()}"))).GetProperty("text").GetString()!;
            texts.Add(stored);
            Assert.True(stored == GenizaCorpus.Git(repository, null, "show", $"{commit[0]}:{path}"), $"commit {i + 1} holds revision {i + 1}'s text");
        }

        // git blame of the newest text and the service's line blame credit every line to the same revision.
        var commitNumbers = log.Select((c, i) => (c[0], i + 1)).ToDictionary(c => c.Item1, c => c.Item2);
        var gitBlame = ParsePorcelain(GenizaCorpus.Git(repository, null, "blame", "-M", "--porcelain", path)).Select(l => (l.Line, commitNumbers[l.Commit])).ToList();
        var newest = history[^1].GetProperty("revisionId").GetInt64();
        var spans = (await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/revisions/{newest}/blame?granularity=line"))).GetProperty("spans").EnumerateArray();
        var serviceBlame = spans.SelectMany(s => Lines(s.GetProperty("text").GetString()!).Select(line => (line, s.GetProperty("revisionNumber").GetInt32()))).ToList();
        Assert.Equal(gitBlame.Select(l => l.Line), serviceBlame.Select(l => l.line));
        var differences = gitBlame.Zip(serviceBlame, (g, s) => (Line: g.Line, Git: g.Item2, Service: s.Item2)).Select((p, i) => (p, i))
            .Where(x => x.p.Git != x.p.Service && !BothRight(x.p.Line, x.p.Git, x.p.Service, texts))
            .Select(x => $"line {x.i + 1} {x.p.Line[..Math.Min(40, x.p.Line.Length)]}: git #{x.p.Git}, service #{x.p.Service}").ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {gitBlame.Count} lines differ:\n{string.Join("\n", differences.Take(10))}");
        Assert.All(spans, s => Assert.Equal(GenizaCorpus.Author(text), s.GetProperty("author").GetString()));
    }

    [Fact]
    public async Task An_unknown_format_is_422_and_an_unknown_translation_404()
    {
        var problem = await HttpAssert.ProblemAsync(await _reader.GetAsync("/api/translations/1/history?format=svn"), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/api/translations/999999/history?format=git-fast-import")).StatusCode);
    }

    /// <summary>
    /// The two places where git and the service may credit different revisions and both be right (docs/provenance.md, Blame):
    /// <list type="bullet">
    /// <item>A blank line: blank lines are all alike, so which one survived an edit is each diff's arbitrary
    /// choice. The service still credits a revision that had a blank line.</item>
    /// <item>A line that was an earlier text's last line, without a line break, to which git's revision added one: git
    /// counts <c>line</c> and <c>line\n</c> as different lines, the service credits the earlier revision that
    /// already had the words.</item>
    /// </list>
    /// </summary>
    private static bool BothRight(string line, int gitRevision, int serviceRevision, IReadOnlyList<string> texts)
    {
        var credited = texts[serviceRevision - 1];
        if (string.IsNullOrWhiteSpace(line))
        {
            return Lines(credited).Any(string.IsNullOrWhiteSpace);
        }

        var before = gitRevision >= 2 ? texts[gitRevision - 2] : null;
        var lostItsLastLine = before is not null && !before.EndsWith('\n') && (before == line || before.EndsWith("\n" + line, StringComparison.Ordinal));
        return lostItsLastLine && serviceRevision < gitRevision && Lines(credited).Contains(line);
    }

    /// <summary>Each line of a text without its line break, as git blame shows it.</summary>
    private static IEnumerable<string> Lines(string text) =>
        text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');

    private static List<(string Commit, string Line)> ParsePorcelain(string porcelain)
    {
        var lines = new List<(string, string)>();
        string? commit = null;
        foreach (var line in porcelain.Split('\n'))
        {
            if (line.StartsWith('\t'))
            {
                lines.Add((commit!, line[1..]));
            }
            else if (line.Length > 40 && line[40] == ' ' && line[..40].All(Uri.IsHexDigit))
            {
                commit = line[..40];
            }
        }

        return lines;
    }
}
