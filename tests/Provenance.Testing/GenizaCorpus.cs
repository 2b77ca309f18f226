using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Text;

namespace Provenance.Testing;

/// <summary>One text of the Princeton Geniza Project slice in <c>../shared/corpus/geniza</c>, with its revisions oldest first.</summary>
public sealed record CorpusText(int Pgpid, string Contributor, string Kind, string Path, IReadOnlyList<CorpusRevision> Revisions)
{
    /// <summary>Transcriptions are the Judeo-Arabic originals; translations are English.</summary>
    public string Language => Kind == "transcription" ? "jrb" : "en";
    public string TranslationKind => Kind == "transcription" ? "original" : "translation";
    public string Role => Kind == "transcription" ? "transcriber" : "translator";
}

public sealed record CorpusRevision(string File, string Commit, DateTimeOffset Date, string Text)
{
    /// <summary>What the service stores and must give back: NFC, LF.</summary>
    public string Normalized => TextNormalizer.Normalize(Text);
}

public static class GenizaCorpus
{
    public static string Folder => Path.GetFullPath(Path.Combine(Records.RepositoryRoot(), "..", "shared", "corpus", "geniza"));

    public static IReadOnlyList<CorpusText> Load()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        return manifest.RootElement.EnumerateArray().Select(t => new CorpusText(
            t.GetProperty("pgpid").GetInt32(), t.GetProperty("contributor").GetString()!, t.GetProperty("kind").GetString()!, t.GetProperty("path").GetString()!,
            t.GetProperty("revisions").EnumerateArray().Select(r => new CorpusRevision(
                r.GetProperty("file").GetString()!, r.GetProperty("commit").GetString()!, r.GetProperty("date").GetDateTimeOffset(),
                File.ReadAllText(Path.Combine(Folder, r.GetProperty("file").GetString()!)))).ToList())).ToList();
    }

    /// <summary>The history as the API takes it: the scholar of the file name as author, the commit's date, a message naming the commit.</summary>
    public static object HistoryBody(CorpusText text, bool publishWithoutReview = false) => new
    {
        revisions = text.Revisions.Select(r => new { text = r.Text, author = Author(text), authoredAt = r.Date, summary = $"PGP commit {r.Commit}" }),
        publishWithoutReview,
    };

    public static string Author(CorpusText text) => $"{text.Contributor} (PGP)";

    /// <summary>A document for a PGPID and an empty translation for the text; returns the translation's id.</summary>
    public static async Task<long> AddTranslationAsync(HttpClient editor, long documentId, CorpusText text)
    {
        var created = await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/documents/{documentId}/translations", new
        {
            language = text.Language,
            kind = text.TranslationKind,
            contributors = text.Contributor.Split('-').Select(name => new { name, role = text.Role }),
        }), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    public static async Task<long> AddDocumentAsync(HttpClient editor, int pgpid)
    {
        var created = await HttpAssert.JsonAsync(await editor.PostAsJsonAsync("/api/documents", new
        {
            title = $"Geniza document PGPID {pgpid}",
            originalLanguage = "jrb",
            publisherUrl = $"https://geniza.princeton.edu/en/documents/{pgpid}/?test={Guid.NewGuid():N}",
        }), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    /// <summary>Runs git in <paramref name="directory"/>; returns its standard output (UTF-8), failing the test on a non-zero exit.</summary>
    public static string Git(string directory, byte[]? stdin, params string[] args) => Git(directory, stdin, null, args);

    public static string Git(string directory, byte[]? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var arg in (string[])["-c", "core.quotePath=false", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var error = git.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            git.StandardInput.BaseStream.Write(stdin);
        }

        git.StandardInput.Close();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error.Result}");
        return output.Result;
    }
}
