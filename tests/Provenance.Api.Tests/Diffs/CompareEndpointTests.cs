using System.Net;
using System.Text;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Diffs;

[Collection(ApiCollection.Name)]
public sealed class CompareEndpointTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(postgres);

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<JsonElement> Import(string record) => await HttpAssert.JsonAsync(
        await _host.Editor.PostAsync("/api/imports", new StringContent(record, Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);

    /// <summary>
    /// Another translator's rendering of the seed: the long third paragraph split in two, a date
    /// changed and a name spelled differently: paragraphing differs, and the aligner has anchors to report.
    /// </summary>
    private static string SecondTranslation()
    {
        var seed = Records.Seed();
        var split = seed
            .Replace("Late in the evening of October 23,", "Late in the evening of October 22,", StringComparison.Ordinal)
            .Replace("the Soviet side would not do anything", "the Soviet side would not undertake anything", StringComparison.Ordinal)
            .Replace(" I told this to the President,", "\n\nI conveyed this to the President,", StringComparison.Ordinal)
            .Replace("Sorensen", "Sorenson", StringComparison.Ordinal);
        return split.Replace("translation by Mark H. Doctoroff.]", "translation by Svetlana Savranskaya.]", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_translations_of_one_original_are_aligned_sentence_to_sentence_whatever_their_paragraphing()
    {
        var first = await Import(Records.Seed());
        var second = await Import(SecondTranslation());
        Assert.Equal(first.GetProperty("documentId").GetInt64(), second.GetProperty("documentId").GetInt64());
        Assert.Equal("translation", second.GetProperty("change").GetString());

        var id = first.GetProperty("documentId").GetInt64();
        var compare = await HttpAssert.JsonAsync(await _host.Editor.GetAsync(
            $"/api/documents/{id}/compare?left={first.GetProperty("translationId").GetInt64()}&right={second.GetProperty("translationId").GetInt64()}"));
        Assert.Equal("Svetlana Savranskaya", compare.GetProperty("right").GetProperty("translator").GetString());
        Assert.Equal(compare.GetProperty("leftParagraphCount").GetInt32() + 1, compare.GetProperty("rightParagraphCount").GetInt32());
        Assert.True(compare.GetProperty("leftSegmentCount").GetInt32() > compare.GetProperty("leftParagraphCount").GetInt32());
        Assert.Equal(JsonValueKind.Array, compare.GetProperty("normalization").GetProperty("left").ValueKind);
        Assert.Equal(JsonValueKind.Array, compare.GetProperty("normalization").GetProperty("right").ValueKind);
        var pairs = compare.GetProperty("pairs").EnumerateArray().ToList();

        // The sentence the second translator moved into a paragraph of its own still pairs with the first's.
        var moved = pairs.Single(p => p.GetProperty("leftText").GetString()!.Contains("I told this to the President", StringComparison.Ordinal));
        Assert.Contains("I conveyed this to the President", moved.GetProperty("rightText").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(
            pairs[pairs.IndexOf(moved) - 1].GetProperty("rightParagraphs").EnumerateArray().Last().GetInt32(),
            moved.GetProperty("rightParagraphs")[0].GetInt32());

        var opening = pairs.Single(p => p.GetProperty("leftText").GetString()!.StartsWith("Late in the evening", StringComparison.Ordinal));
        Assert.Equal("1:1", opening.GetProperty("kind").GetString());
        Assert.Contains(opening.GetProperty("differingNumbers").EnumerateArray(), n => n.GetProperty("text").GetString() == "23");
        Assert.Contains(opening.GetProperty("differingNumbers").EnumerateArray(), n => n.GetProperty("text").GetString() == "22");

        var sorensen = pairs.Single(p => p.GetProperty("leftText").GetString()!.Contains("Sorensen", StringComparison.Ordinal));
        Assert.Contains(sorensen.GetProperty("differingNames").EnumerateArray(), n => n.GetProperty("text").GetString() == "Sorenson");
        Assert.True(sorensen.GetProperty("similarity").GetDouble() > 0.8);
        Assert.DoesNotContain(pairs, p => p.GetProperty("kind").GetString() is "left-only" or "right-only");
    }

    [Fact]
    public async Task Comparing_needs_two_translations_of_that_document()
    {
        var first = await Import(Records.Seed());
        var id = first.GetProperty("documentId").GetInt64();
        var problem = await HttpAssert.ProblemAsync(await _host.Editor.GetAsync($"/api/documents/{id}/compare?left={first.GetProperty("translationId").GetInt64()}&right=424242"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("right", out _));
        await HttpAssert.ProblemAsync(await _host.Editor.GetAsync($"/api/documents/{id}/compare"), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await _host.Editor.GetAsync("/api/documents/999999/compare?left=1&right=2"), HttpStatusCode.NotFound);
    }
}
