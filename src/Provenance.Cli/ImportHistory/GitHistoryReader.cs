using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Provenance.Cli.ImportHistory;

/// <summary>One version of a file in a git repository: its text and its commit's author, author date and message.</summary>
public sealed record GitFileVersion(string Commit, string Path, string Author, DateTimeOffset AuthoredAt, string Message, string Text);

/// <summary>
/// Reads a file's history with <c>git log --follow</c> (so renames are followed) and each version's
/// text with <c>git show commit:path</c>, oldest first. Commits that delete the file have no text and are left out.
/// </summary>
public static class GitHistoryReader
{
    private const char RecordSeparator = '\u001e', FieldSeparator = '\u001f';

    public static async Task<IReadOnlyList<GitFileVersion>> ReadAsync(string repository, string file, CancellationToken ct)
    {
        var log = Encoding.UTF8.GetString(await GitAsync(repository, ct,
            "log", "--follow", "--name-only", $"--format={RecordSeparator}%H{FieldSeparator}%an{FieldSeparator}%aI{FieldSeparator}%B{FieldSeparator}", "--", file));
        var versions = new List<GitFileVersion>();
        foreach (var record in log.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.Split(FieldSeparator);
            if (fields.Length < 5)
            {
                continue;
            }

            var path = fields[4].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (path is null || !await ExistsAsync(repository, $"{fields[0]}:{path}", ct))
            {
                continue; // a commit that deleted the file
            }

            var text = Encoding.UTF8.GetString(await GitAsync(repository, ct, "show", $"{fields[0]}:{path}"));
            versions.Add(new GitFileVersion(fields[0], path, fields[1], DateTimeOffset.Parse(fields[2], CultureInfo.InvariantCulture), fields[3].Trim(), text));
        }

        if (versions.Count == 0)
        {
            throw new InvalidOperationException($"git log --follow finds no version of {file} in {repository}.");
        }

        versions.Reverse();
        return versions;
    }

    private static async Task<bool> ExistsAsync(string repository, string spec, CancellationToken ct)
    {
        using var git = Start(repository, "cat-file", "-e", spec);
        await git.WaitForExitAsync(ct);
        return git.ExitCode == 0;
    }

    private static async Task<byte[]> GitAsync(string repository, CancellationToken ct, params string[] args)
    {
        using var git = Start(repository, args);
        using var output = new MemoryStream();
        var error = git.StandardError.ReadToEndAsync(ct);
        await git.StandardOutput.BaseStream.CopyToAsync(output, ct);
        await git.WaitForExitAsync(ct);
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {(await error).Trim()}");
        }

        return output.ToArray();
    }

    private static Process Start(string repository, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Paths as they are (no octal quoting of non-ASCII names), the repository given, no pager.
        foreach (var arg in (string[])["-c", "core.quotePath=false", "-C", repository, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
    }
}
