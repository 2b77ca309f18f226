using System.Globalization;
using System.Text;
using CsCheck;
using Provenance.Testing;

namespace Provenance.Api.Tests.Fuzz;

/// <summary>
/// CsCheck-generated inputs: random bytes, and valid requests with random mutations (inserted NULs,
/// invalid UTF-8, markup and JSON punctuation, lone surrogate escapes, cuts and repeats). Whatever
/// comes in, the answer is below 500, in time, and a problem document when it is an error.
/// <c>FUZZ_ITERATIONS</c> scales the number of samples (default 150 per property).
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class PropertyFuzzTests(FuzzHost host)
{
    private static readonly long Iterations =
        long.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 150;

    /// <summary>Fragments that stress a parser: NUL, invalid UTF-8, surrogates as escapes, markup, JSON punctuation.</summary>
    private static readonly byte[][] Fragments =
    [
        [0], [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xE2, 0x80, 0xAE],
        "\\ud800"u8.ToArray(), "\\udc00"u8.ToArray(), "\\u0000"u8.ToArray(), "\\"u8.ToArray(), "\""u8.ToArray(),
        "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(), "null"u8.ToArray(), "1e999"u8.ToArray(),
        "**"u8.ToArray(), "\n\n"u8.ToArray(), "\r\n"u8.ToArray(), "> "u8.ToArray(), "- "u8.ToArray(), "#### "u8.ToArray(), "[Source: "u8.ToArray(),
        "**Citation:**\n\n"u8.ToArray(), "**Contents:**\n\n"u8.ToArray(), "Translation - "u8.ToArray(), "<https://"u8.ToArray(), "|"u8.ToArray(),
        "Ё"u8.ToArray(), "e\u0301"u8.ToArray(), "😀"u8.ToArray(), "\u200B"u8.ToArray(),
    ];

    /// <summary>A valid body with 1–8 random mutations.</summary>
    private static Gen<byte[]> Mutated(byte[] valid) =>
        Gen.Int[1, 8].SelectMany(count => Gen.Int[0, 4].Select(Gen.Int[0, valid.Length], Gen.Int[0, Fragments.Length - 1], Gen.Int[1, 64], (kind, at, fragment, length) => (kind, at, fragment, length)).Array[count])
            .Select(mutations =>
            {
                var bytes = valid.ToList();
                foreach (var (kind, rawAt, fragment, length) in mutations)
                {
                    var at = Math.Min(rawAt, bytes.Count);
                    switch (kind)
                    {
                        case 0 or 1:
                            bytes.InsertRange(at, Fragments[fragment]);
                            break;
                        case 2:
                            bytes.RemoveRange(at, Math.Min(length, bytes.Count - at));
                            break;
                        case 3:
                            bytes.InsertRange(at, bytes.Skip(at).Take(length).ToList());
                            break;
                        default:
                            if (at < bytes.Count)
                            {
                                bytes[at] ^= (byte)(1 << (length % 8));
                            }

                            break;
                    }
                }

                return bytes.ToArray();
            });

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 2048];

    private Task Check<T>(Gen<T> gen, Func<T, Task> probe) =>
        gen.SampleAsync(probe, iter: Iterations, threads: 1, print: x => x is byte[] b ? Encoding.UTF8.GetString(b[..Math.Min(b.Length, 600)]) : $"{x}");

    private Task Check<T1, T2>(Gen<(T1, T2)> gen, Func<T1, T2, Task> probe) => Check(gen, x => probe(x.Item1, x.Item2));

    [Fact]
    public Task Importer_survives_random_bytes() =>
        Check(RandomBytes, bytes => host.ProbeAsync("POST /api/imports", "random bytes (CsCheck)", FuzzHost.Raw(HttpMethod.Post, "/api/imports", bytes, "text/markdown")));

    [Fact]
    public Task Importer_survives_mutated_records()
    {
        // A record of its own (title without a publisher URL), so mutations that still parse add documents, not seed revisions.
        var record = Encoding.UTF8.GetBytes(Records.MikoyanNotes);
        return Check(Mutated(record), bytes => host.ProbeAsync("POST /api/imports", "mutated record: NUL, invalid UTF-8, markup, cuts, repeats (CsCheck)",
            FuzzHost.Raw(HttpMethod.Post, "/api/imports", bytes, "text/markdown")));
    }

    [Fact]
    public Task Diff_survives_random_and_mutated_bodies()
    {
        var valid = """{"left":"Хрущев said the \"ship\" was turned\n\nback.","right":"Хрущёв said: the ship turned back."}"""u8.ToArray();
        var queries = Gen.OneOf("", "?granularity=char", "?granularity=line&format=unified&context=0", "?format=html", "?granularity=word&context=10000");
        return Check(Gen.Frequency((3, Mutated(valid)), (1, RandomBytes)).Select(queries), (body, query) =>
            host.ProbeAsync("POST /api/diff", "random bytes and mutated JSON bodies, five query shapes (CsCheck)", FuzzHost.Raw(HttpMethod.Post, "/api/diff" + query, body, "application/json")));
    }

    [Fact]
    public Task Revision_endpoint_survives_mutated_submissions()
    {
        var valid = Encoding.UTF8.GetBytes($$"""{"baseRevisionId":{{FuzzHost.RevisionId}},"text":"TOP SECRET\n\nA fuzzed edit of the telegram.","summary":"Fuzz","citations":[{"kind":"archival","archive":"AVP RF","fond":"059","url":"https://example.org/x","year":1962}]}""");
        var ifMatch = Gen.OneOf<string?>(null, null, "\"rev-1\"", "\"rev-2\"", "*", "\"rev-0\"", "rev-1", "\"rev-99999999999999999999\"", "W/\"rev-1\"", "\"\"");
        return Check(Gen.Frequency((4, Mutated(valid)), (1, RandomBytes)).Select(ifMatch), async (body, etag) =>
        {
            using var request = FuzzHost.Raw(HttpMethod.Post, $"/api/translations/{FuzzHost.TranslationId}/revisions", body, "application/json");
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            }

            await host.ProbeAsync("POST /api/translations/{id}/revisions", "mutated submissions × ten If-Match values (CsCheck)", request);
        });
    }

    [Fact]
    public Task Routes_survive_random_ids()
    {
        var id = Gen.OneOf(Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)), Gen.String[0, 30].Select(Uri.EscapeDataString),
            Gen.OneOf("99999999999999999999", "-0", "0x10", "1.0", "%2e%2e", "%2F"));
        var route = Gen.OneOf("/api/revisions/{0}", "/api/translations/{0}", "/api/translations/{0}/revisions", "/api/documents/{0}",
            "/api/revisions/1/diff/{0}", "/api/documents/{0}/compare?left={0}&right=1", "/api/translations/{0}/text?revision={0}",
            "/api/documents/1/collation?translations={0},1");
        return Check(route.Select(id), (template, value) =>
            host.ProbeAsync("GET (ids and queries)", "random ids in eight routes (CsCheck)", FuzzHost.Get(string.Format(CultureInfo.InvariantCulture, template, value))));
    }

    [Fact]
    public Task Revision_route_survives_random_ids() =>
        Check(Gen.Long, id => host.ProbeAsync("POST /api/translations/{id}/revisions", "random long ids in the route (CsCheck)",
            FuzzHost.Post($"/api/translations/{id.ToString(CultureInfo.InvariantCulture)}/revisions", """{"baseRevisionId":1,"text":"t","summary":"s"}""")));
}
