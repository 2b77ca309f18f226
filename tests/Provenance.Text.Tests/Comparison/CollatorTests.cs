using System.Diagnostics;
using System.Xml.Linq;
using Provenance.Text.Comparison;

namespace Provenance.Text.Tests.Comparison;

public class CollatorTests
{
    private static readonly XNamespace Tei = "http://www.tei-c.org/ns/1.0";

    /// <summary>Khan's and Rustow's renderings of PGPID 8257, and Rustow's as a teletype would carry it.</summary>
    private static List<CollationInput> Petition()
    {
        var rustow = ComparisonCorpus.Geniza("PGPID8257_s29_rustow_translation.r02.txt");
        return
        [
            new(11, "en — Khan", ComparisonCorpus.Geniza("PGPID8257_s135_khan_translation.r01.txt")),
            new(12, "en — Rustow", rustow),
            new(13, "en — Rustow, wired", ComparisonCorpus.Teletype(rustow.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()))),
        ];
    }

    [Fact]
    public void Three_renderings_are_collated_on_common_passages_with_their_agreement()
    {
        var collation = Collator.Collate(Petition());

        Assert.Equal([11, 12, 13], collation.Witnesses.Select(w => w.TranslationId));
        Assert.All(collation.Segments, s => Assert.Equal([11L, 12, 13], s.Readings.Select(r => r.TranslationId)));
        var invocation = collation.Segments.Single(s => s.Readings[0].Text.StartsWith("In the name of God", StringComparison.Ordinal));
        Assert.Equal("In the name of God, the merciful, the compassionate.", invocation.Readings[1].Text);
        Assert.Equal("IN THE NAME OF GOD, THE MERCIFUL, THE COMPASSIONATE.", invocation.Readings[2].Text);
        // Rustow and the wired Rustow read alike after normalization; Khan differs in one word of nine.
        Assert.Equal([[0], [1, 2]], invocation.Groups);
        Assert.InRange(invocation.Agreement, 0.9, 0.95);

        var recto = collation.Segments[1];
        Assert.Equal(["Recto", "Recto", "RECTO"], recto.Readings.Select(r => r.Text));
        Assert.Equal(1, recto.Agreement);
        // The wire service's header is the third witness's alone, in a row of its own before the first passage.
        var header = collation.Segments[0];
        Assert.StartsWith("ZCZC", header.Readings[2].Text, StringComparison.Ordinal);
        Assert.Equal("", header.Readings[0].Text);
        Assert.Equal(0, header.Agreement);
        // Khan's closing formula is his alone.
        Assert.Contains(collation.Segments, s => s.Readings[0].Text.StartsWith("My sufficiency is God", StringComparison.Ordinal) && s.Readings[1].Text.Length == 0);
    }

    [Fact]
    public void A_witness_that_shares_nothing_with_the_others_does_not_merge_the_rows_they_agree_on()
    {
        var inputs = Petition().Take(2).Append(new CollationInput(14, "en — Doctoroff", string.Join("\n\n", ComparisonCorpus.SeedParagraphs()))).ToList();
        var collation = Collator.Collate(inputs);

        var invocation = collation.Segments.Single(s => s.Readings[0].Text.StartsWith("In the name of God", StringComparison.Ordinal));
        Assert.Equal("In the name of God, the merciful, the compassionate.", invocation.Readings[1].Text);
        Assert.Equal("", invocation.Readings[2].Text);
        Assert.Contains(collation.Segments, s => s.Readings[0].Text == "Recto" && s.Readings[1].Text == "Recto" && s.Readings[2].Text == "");
        // The telegram is read where the petition's witnesses have nothing.
        Assert.Contains(collation.Segments, s => s.Readings[0].Text == "" && s.Readings[1].Text == "" && s.Readings[2].Text.Length > 0);
        // Khan's closing formula, which neither other witness has, stays one row.
        Assert.Single(collation.Segments, s => s.Readings[0].Text.Contains("My sufficiency is God", StringComparison.Ordinal));
        Assert.Equal("My sufficiency is God. [What an excellent keeper is he!]",
            collation.Segments.Single(s => s.Readings[0].Text.Contains("My sufficiency", StringComparison.Ordinal)).Readings[0].Text);
    }

    [Fact]
    public void The_TEI_parallel_segmentation_is_well_formed_with_one_witness_per_translation()
    {
        var inputs = Petition();
        inputs[0] = inputs[0] with { Label = "en — Khan <\"ed.\"> & co" };
        var collation = Collator.Collate(inputs);
        var xml = TeiWriter.Write(collation, "PGPID 8257 & its translations");

        Assert.Equal("", Xmllint(xml));
        var doc = XDocument.Parse(xml);
        var witnesses = doc.Descendants(Tei + "witness").ToList();
        Assert.Equal(["t11", "t12", "t13"], witnesses.Select(w => (string?)w.Attribute(XNamespace.Xml + "id")));
        Assert.Equal("en — Khan <\"ed.\"> & co", witnesses[0].Value);
        Assert.Equal("parallel-segmentation", (string?)doc.Descendants(Tei + "variantEncoding").Single().Attribute("method"));
        var apps = doc.Descendants(Tei + "app").ToList();
        Assert.Equal(collation.Segments.Count, apps.Count);
        // Every witness is read exactly once in every app.
        Assert.All(apps, app => Assert.Equal(["#t11", "#t12", "#t13"],
            app.Elements(Tei + "rdg").SelectMany(r => ((string)r.Attribute("wit")!).Split(' ')).Order(StringComparer.Ordinal)));
        var invocation = apps.Single(a => a.Elements(Tei + "rdg").First().Value.StartsWith("In the name of God", StringComparison.Ordinal));
        Assert.Equal(["#t11", "#t12 #t13"], invocation.Elements(Tei + "rdg").Select(r => (string)r.Attribute("wit")!));
    }

    /// <summary>xmllint's complaints (libxml2-utils); empty when the document is well-formed.</summary>
    private static string Xmllint(string xml)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, xml);
            using var process = Process.Start(new ProcessStartInfo("xmllint", ["--noout", file]) { RedirectStandardError = true })!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? errors : $"exit {process.ExitCode}: {errors}";
        }
        finally
        {
            File.Delete(file);
        }
    }
}
