using Provenance.Cli.BulkImport;
using Provenance.Import;

namespace Provenance.Cli.Tests;

/// <summary>
/// A temporary folder of 300 generated records plus the awkward cases: a duplicate (with CRLF),
/// the same record with changed text, the same record by another translator, and garbage.
/// </summary>
public sealed class BulkImportFolder : IDisposable
{
    public const int Generated = 300;

    private BulkImportFolder(string path) => Path = path;

    public string Path { get; }

    public static BulkImportFolder Create(int seed)
    {
        var folder = new BulkImportFolder(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"provenance-bulk-{Guid.NewGuid():N}"));
        var paths = SampleRecords.Write(folder.Path, Generated, seed);
        var records = paths.Select(p => (Path: p, Text: System.IO.File.ReadAllText(p), Record: WilsonCenterRecordReader.Parse(System.IO.File.ReadAllText(p)).Record!)).ToList();

        // "zz-" sorts after every generated record, so these come after the record they repeat.
        System.IO.File.WriteAllText(folder.PathOf("zz-duplicate.md"), records[1].Text.Replace("\n", "\r\n", StringComparison.Ordinal));
        System.IO.File.WriteAllText(folder.PathOf("zz-changed.md"), WithChangedText(records[2].Text));
        var translated = records.First(r => r.Record.PublisherUrl is not null && r.Record.Translator is not null && r.Record.ContentsKind == "translation");
        System.IO.File.WriteAllText(folder.PathOf("zz-other-translator.md"),
            translated.Text.Replace($"translated by {translated.Record.Translator}", "translated by Jane Roe", StringComparison.Ordinal));

        System.IO.File.WriteAllText(folder.PathOf("zz-garbage-empty.md"), "");
        System.IO.File.WriteAllText(folder.PathOf("zz-garbage-words.md"), "just some words with no structure");
        System.IO.File.WriteAllBytes(folder.PathOf("zz-garbage-utf8.md"), [0x2A, 0x2A, 0xC3, 0x28, 0xFF, 0x2A]);
        // Last of all: the per-record importer fails it only when saving, which uses up identity values.
        System.IO.File.WriteAllText(folder.PathOf("zzz-long-title.md"), records[3].Text
            .Replace(records[3].Record.Title, new string('T', 1200), StringComparison.Ordinal)
            .Replace("/document/", "/document/9", StringComparison.Ordinal));
        System.IO.File.WriteAllText(folder.PathOf("not-a-record.json"), "{}"); // not .md or .txt: not read at all
        return folder;
    }

    public static string[] GarbageFiles => ["zz-garbage-empty.md", "zz-garbage-utf8.md", "zz-garbage-words.md", "zzz-long-title.md"];

    /// <summary>The record's text with one more paragraph: the same identity, a changed text.</summary>
    public static string WithChangedText(string record)
    {
        var at = record.LastIndexOf("[Source:", StringComparison.Ordinal);
        return string.Concat(record.AsSpan(0, at), "An editor's paragraph added in a later release of the record.\n\n", record.AsSpan(at));
    }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
