using System.Globalization;
using System.Text;

namespace Provenance.Api.Translations;

/// <summary>One commit of a <c>git fast-import</c> stream: a revision's full text as one file.</summary>
public sealed record GitCommit(string Author, DateTimeOffset AuthoredAt, string Committer, DateTimeOffset CommittedAt, string Message, string Text);

/// <summary>
/// Writes a linear history as a <c>git fast-import</c> stream (git-fast-import(1)): one commit per
/// revision on <c>refs/heads/main</c>, each replacing one file with the revision's text, so
/// <c>git log</c> lists the revisions and <c>git blame</c> credits their lines.
/// </summary>
public static class GitFastImport
{
    public const string MediaType = "application/x-git-fast-import";
    public const string Branch = "refs/heads/main";

    public static async Task WriteAsync(Stream output, string path, IAsyncEnumerable<GitCommit> commits, CancellationToken ct)
    {
        var mark = 0;
        await WriteAsync(output, $"reset {Branch}\n", ct);
        await foreach (var commit in commits.WithCancellation(ct))
        {
            var header = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"commit {Branch}\n")
                .Append(CultureInfo.InvariantCulture, $"mark :{++mark}\n")
                .Append(CultureInfo.InvariantCulture, $"author {Ident(commit.Author, commit.AuthoredAt)}\n")
                .Append(CultureInfo.InvariantCulture, $"committer {Ident(commit.Committer, commit.CommittedAt)}\n");
            await WriteAsync(output, header.ToString(), ct);
            await WriteDataAsync(output, commit.Message.EndsWith('\n') ? commit.Message : commit.Message + "\n", ct);
            await WriteAsync(output, $"M 100644 inline {path}\n", ct);
            await WriteDataAsync(output, commit.Text, ct);
            await WriteAsync(output, "\n", ct);
        }

        await WriteAsync(output, "done\n", ct);
    }

    /// <summary>A name without the characters git's ident line cannot hold, no e-mail (the service keeps none), the time with its offset.</summary>
    private static string Ident(string name, DateTimeOffset when)
    {
        var clean = new string(name.Where(c => c is not ('<' or '>' or '\n' or '\r' or '\0')).ToArray()).Trim();
        var offset = when.Offset;
        var zone = string.Create(CultureInfo.InvariantCulture, $"{(offset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}");
        return string.Create(CultureInfo.InvariantCulture, $"{(clean.Length == 0 ? "unknown" : clean)} <> {when.ToUnixTimeSeconds()} {zone}");
    }

    private static async Task WriteDataAsync(Stream output, string text, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await WriteAsync(output, string.Create(CultureInfo.InvariantCulture, $"data {bytes.Length}\n"), ct);
        await output.WriteAsync(bytes, ct);
    }

    private static Task WriteAsync(Stream output, string text, CancellationToken ct) => output.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask();
}
