using System.Text.Json;
using Provenance.Api.Diffs;
using Provenance.Text.Diff;

namespace Provenance.Api.Tests.Diffs;

/// <summary>The diff response's long lists are written in parallel chunks; the bytes must be one writer's.</summary>
public sealed class ParallelListConverterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    [InlineData(2_000)]
    public void A_long_diff_is_written_as_one_writer_writes_it_and_reads_back(int paragraphs)
    {
        // Cyrillic, quotes, line feeds and an HTML-sensitive character: the chunks must escape as the API does.
        var left = string.Concat(Enumerable.Range(0, paragraphs).Select(i => $"Paragraph {i} «Поздно ночью» said \"R. Kennedy\" <b>\n\n"));
        var right = string.Concat(Enumerable.Range(0, paragraphs).Select(i => i % 3 == 0 ? $"Paragraph {i} late at night, said R. Kennedy\n\n" : $"Paragraph {i} «Поздно ночью» said \"R. Kennedy\" <b>\n\n"));
        var diff = TextDiffer.Instance.Diff(left, right);
        var response = new DiffResponse(null, null, diff.Granularity, diff.Operations, diff.Rows, diff.Stats, diff.Bounded, diff.BoundedReason);

        var written = JsonSerializer.Serialize(response, DiffJsonContext.Api.DiffResponse);

        // One writer, item after item, with the same options.
        var options = DiffJsonContext.Api.Options;
        using var expected = new MemoryStream();
        using (var writer = new Utf8JsonWriter(expected, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteNull("left");
            writer.WriteNull("right");
            writer.WritePropertyName("granularity");
            JsonSerializer.Serialize(writer, diff.Granularity, options);
            writer.WriteStartArray("operations");
            foreach (var op in diff.Operations)
            {
                JsonSerializer.Serialize(writer, op, DiffJsonContext.Api.DiffOperation);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("rows");
            foreach (var row in diff.Rows)
            {
                JsonSerializer.Serialize(writer, row, DiffJsonContext.Api.DiffRow);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("stats");
            JsonSerializer.Serialize(writer, diff.Stats, DiffJsonContext.Api.DiffStats);
            writer.WriteBoolean("bounded", diff.Bounded);
            writer.WriteNull("boundedReason");
            writer.WriteEndObject();
        }

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.ToArray()), written);
        var read = JsonSerializer.Deserialize(written, DiffJsonContext.Api.DiffResponse)!;
        Assert.Equal(diff.Operations.Count, read.Operations!.Count);
        Assert.Equal(written, JsonSerializer.Serialize(read, DiffJsonContext.Api.DiffResponse));
    }
}
