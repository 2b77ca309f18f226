using System.Text;
using CsCheck;
using System.Text.Json;
using Provenance.Api.Diffs;

namespace Provenance.Api.Tests.Diffs;

/// <summary>
/// Large diff preview bodies have their two texts decoded on two cores; whatever the body, the request must be the
/// serializer's, and what the serializer rejects must still be rejected by it.
/// </summary>
public sealed class TwoTextsBodyTests
{
    private static readonly string Filler = new('x', TwoTextsBody.ParallelFrom);

    public static TheoryData<string, bool> Bodies => new()
    {
        // Escapes of every kind, raw UTF-8, a surrogate pair written both ways, and either order: decoded in parallel.
        { "{\"left\": \"" + Filler + "a\\nb \\\"quoted\\\" back\\\\slash \\u00e9 \\ud83d\\ude00 😀 Поздно\", \"right\": \"" + Filler + "\\t\\/\\b\\f\\r\"}", true },
        { "\r\n\t{ \"right\" : \"" + Filler + "r\" ,\n \"left\":\"" + Filler + "l\\\\\" }  ", true },
        { "{\"left\":\"" + Filler + "\",\"right\":\"\"}", true },

        // Not the usual shape: the serializer reads these as it always did.
        { "{\"Left\": \"" + Filler + "\", \"RIGHT\": \"b\"}", false },
        { "{\"left\": \"" + Filler + "\", \"right\": \"b\", \"note\": 1}", false },
        { "{\"left\": null, \"right\": \"" + Filler + "\"}", false },
        { "{\"le\\u0066t\": \"" + Filler + "\", \"right\": \"b\"}", false },
    };

    public static TheoryData<string> Malformed => new()
    {
        "{\"left\": \"" + Filler + "\\x\", \"right\": \"b\"}",
        "{\"left\": \"" + Filler + "\\u12\", \"right\": \"b\"}",
        "{\"left\": \"" + Filler + "\n\", \"right\": \"b\"}",
        "{\"left\": \"" + Filler + "\", \"right\": \"b\"",
        "{\"left\": \"" + Filler + "\", \"right\": \"b\"} x",
        "{\"left\": \"" + Filler + "\" \"right\": \"b\"}",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_large_body_reads_as_the_serializer_reads_it(string json, bool usualShape)
    {
        var expected = JsonSerializer.Deserialize(json, DiffJsonContext.Api.DiffTextsRequest);
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(expected, await ReadAsync(bytes));
        Assert.Equal(usualShape ? expected : null, TwoTextsBody.TryRead(bytes, 0, bytes.Length));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_large_malformed_body_is_rejected_by_the_serializer(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, DiffJsonContext.Api.DiffTextsRequest));
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Null(TwoTextsBody.TryRead(bytes, 0, bytes.Length));
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAsync(bytes));
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_large_text_is_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"left\": \"" + Filler + "@\", \"right\": \"b\"}");
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAsync(bytes));
    }

    [Fact]
    public async Task Random_texts_written_by_the_serializer_read_back_exactly()
    {
        var random = new Random(1962);
        string[] pieces = ["a", " ", "\n", "\"", "\\", "\u00e9", "\u0301", "😀", "Поздно", "\t", "\u2028", "<", "&", "'", "\u0000", "\r\n"];
        for (var i = 0; i < 20; i++)
        {
            string Text() => string.Concat(Enumerable.Range(0, random.Next(20_000, 40_000)).Select(_ => pieces[random.Next(pieces.Length)]));
            var request = new DiffTextsRequest(Text(), Text());
            var json = JsonSerializer.SerializeToUtf8Bytes(request, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = i % 2 == 0 ? null : Provenance.Api.Hosting.ApiSetup.TextEncoder });
            Assert.Equal(request, await ReadAsync(json));
            Assert.Equal(request, TwoTextsBody.TryRead(json, 0, json.Length));
        }
    }

    [Fact]
    public async Task A_mutated_large_body_reads_or_fails_as_the_serializer_does()
    {
        // A valid large body with a few bytes changed, inserted or removed where the structure and escapes are.
        var body = Encoding.UTF8.GetBytes("{\"left\": \"" + Filler + "a\\n\\\"b\\u00e9\", \"right\": \"Поздно \\t" + Filler + "\"}");
        byte[] bytes = [.. "{}[]:,\"\\ \nnu0aé"u8.ToArray(), 0xFF, 0xC3];
        var interesting = Enumerable.Range(0, body.Length).Where(i => i < 16 || i > body.Length - 32 || body[i] is (byte)'"' or (byte)'\\' or (byte)',').ToArray();
        await Gen.Select(Gen.Int[0, interesting.Length - 1], Gen.Int[0, 2], Gen.Int[0, bytes.Length - 1]).Array[1, 3].SampleAsync(
            async edits =>
            {
                var json = body.ToList();
                foreach (var (at, how, with) in edits.OrderByDescending(e => interesting[e.Item1]))
                {
                    var i = interesting[at];
                    switch (how)
                    {
                        case 0: json[i] = bytes[with]; break;
                        case 1: json.Insert(i, bytes[with]); break;
                        default: json.RemoveAt(i); break;
                    }
                }

                var mutated = json.ToArray();
                DiffTextsRequest? expected;
                try
                {
                    expected = JsonSerializer.Deserialize(mutated, DiffJsonContext.Api.DiffTextsRequest);
                }
                catch (JsonException)
                {
                    await Assert.ThrowsAnyAsync<JsonException>(() => ReadAsync(mutated));
                    return;
                }

                Assert.Equal(expected, await ReadAsync(mutated));
            },
            iter: 300);
    }

    private static async Task<DiffTextsRequest?> ReadAsync(byte[] json)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Body = new MemoryStream(json);
        context.Request.ContentLength = json.Length;
        return await DiffEndpoints.ReadBodyAsync(context.Request, 1 << 30, CancellationToken.None);
    }
}
