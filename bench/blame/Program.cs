using System.Diagnostics;
using System.Globalization;
using Provenance.Text;
using Provenance.Text.Blame;

// Builds a long, deterministic revision history of the seed text, commits it to a git repository,
// times BlameCalculator in-process and checks how often its line attribution agrees with `git blame -M`.
// Usage: dotnet run -c Release --project bench/blame -- [revisions=500] [seed=42] [outDir]
var revisions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42;
var outDir = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"provenance-blame-bench-{revisions}-{seed}");

var history = History.Build(SeedText(), revisions, new Random(seed));
Console.WriteLine($"history: {history.Count} revisions, last text {history[^1].Length} chars, {history[^1].Count(c => c == '\n')} lines");

var repo = Path.Combine(outDir, "repo");
Git.Commit(repo, history);
Console.WriteLine($"git repository: {repo} (file text.txt)");

foreach (var granularity in new[] { BlameGranularity.Line, BlameGranularity.Sentence })
{
    BlameCalculator.Blame(history, granularity); // warm-up: JIT
    var times = new List<double>();
    for (var i = 0; i < 15; i++)
    {
        var sw = Stopwatch.StartNew();
        BlameCalculator.Blame(history, granularity);
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"BlameCalculator {granularity,-8}: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms (15 runs)"));
}

// Agreement with git: both credit each line of the last revision to a revision index.
var ours = new List<int>();
foreach (var span in BlameCalculator.Blame(history, BlameGranularity.Line))
{
    ours.AddRange(Enumerable.Repeat(span.RevisionIndex, span.Text.Count(c => c == '\n') + (span.Text.EndsWith('\n') ? 0 : 1)));
}

foreach (var flags in new[] { "", "-M" })
{
    var theirs = Git.Blame(repo, flags);
    var same = ours.Zip(theirs).Count(p => p.First == p.Second);
    Console.WriteLine($"agreement with git blame {flags}: {same}/{theirs.Count} lines");
}

static string SeedText()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var seeds = Path.Combine(dir.FullName, "seeds");
        if (Directory.Exists(seeds))
        {
            // The body of the record: everything after the Contents heading, without the source note.
            var record = File.ReadAllText(Directory.EnumerateFiles(seeds, "*.md").Order(StringComparer.Ordinal).First());
            var body = record[(record.IndexOf("Translation - English", StringComparison.Ordinal) + 21)..];
            var source = body.IndexOf("[Source:", StringComparison.Ordinal);
            return TextNormalizer.Normalize((source < 0 ? body : body[..source]).Trim() + "\n");
        }
    }

    throw new InvalidOperationException("seeds/ not found");
}

internal static class History
{
    private static readonly string[] Words =
        ["missiles", "Cuba", "quarantine", "ambassador", "Kennedy", "Khrushchev", "telegram", "base", "Turkey", "assurance", "meeting", "withdrawal"];

    /// <summary>Small editor-like edits: change a word, insert or delete a paragraph, move a paragraph, append a sentence.</summary>
    public static List<string> Build(string text, int count, Random random)
    {
        var paragraphs = text.TrimEnd('\n').Split('\n').Where(p => p.Length > 0).ToList();
        var history = new List<string> { Join(paragraphs) };
        while (history.Count < count)
        {
            var op = random.Next(100);
            var at = random.Next(paragraphs.Count);
            if (op < 55)
            {
                var words = paragraphs[at].Split(' ');
                words[random.Next(words.Length)] = Words[random.Next(Words.Length)];
                paragraphs[at] = string.Join(' ', words);
            }
            else if (op < 70)
            {
                paragraphs.Insert(at, $"New paragraph {history.Count} about the {Words[random.Next(Words.Length)]}. It adds a {Words[random.Next(Words.Length)]}.");
            }
            else if (op < 80 && paragraphs.Count > 10)
            {
                paragraphs.RemoveAt(at);
            }
            else if (op < 90)
            {
                var moved = paragraphs[at];
                paragraphs.RemoveAt(at);
                paragraphs.Insert(random.Next(paragraphs.Count + 1), moved);
            }
            else
            {
                paragraphs[at] += $" Added sentence {history.Count} on the {Words[random.Next(Words.Length)]}.";
            }

            history.Add(Join(paragraphs));
        }

        return history;
    }

    private static string Join(List<string> paragraphs) => string.Join('\n', paragraphs) + "\n";
}

internal static class Git
{
    public static void Commit(string repo, IReadOnlyList<string> history)
    {
        if (Directory.Exists(repo))
        {
            Directory.Delete(repo, recursive: true);
        }

        Directory.CreateDirectory(repo);
        Run(repo, "init", "-q");
        var file = Path.Combine(repo, "text.txt");
        for (var i = 0; i < history.Count; i++)
        {
            File.WriteAllText(file, history[i]);
            Run(repo, "add", "text.txt");
            Run(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-q", "--allow-empty", "-m", $"r{i}");
        }
    }

    /// <summary>The revision index (commit message rN) git credits each line to.</summary>
    public static List<int> Blame(string repo, string flags)
    {
        var args = new List<string> { "blame", "--line-porcelain" };
        if (flags.Length > 0)
        {
            args.Add(flags);
        }

        args.Add("text.txt");
        var output = Run(repo, [.. args]);
        var commitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Run(repo, "log", "--format=%H %s").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            commitIndex[line[..40]] = int.Parse(line[42..], CultureInfo.InvariantCulture);
        }

        var result = new List<int>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 41 && line[40] == ' ' && commitIndex.TryGetValue(line[..40], out var index))
            {
                result.Add(index);
            }
        }

        return result;
    }

    private static string Run(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
    }
}
