using System.Net;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Blame;

[Collection(ApiCollection.Name)]
public sealed class BlameEndpointTests(BlameEndpointTests.History history) : IClassFixture<BlameEndpointTests.History>
{
    private const string Alice = "Alice Translator";
    private const string Bob = "Bob Editor";
    private const string Carol = "Carol Editor";
    // Reviews V3: Bob wrote V2, which V3's approval also publishes, so four eyes rule him out.
    private const string Dora = "Dora Reviewer";

    private const string V1 = "The ambassador arrived at noon. He was tired.\nKennedy spoke about Cuba. The missiles were discussed.\nThe meeting ended late.\n";
    // Bob adds a closing paragraph.
    private const string V2 = V1 + "Dobrynin reported at once.\n";
    // Carol moves the Kennedy paragraph to the end.
    private const string V3 = "The ambassador arrived at noon. He was tired.\nThe meeting ended late.\nDobrynin reported at once.\nKennedy spoke about Cuba. The missiles were discussed.\n";
    // Bob changes one word in the second sentence of the first paragraph.
    private const string V4 = "The ambassador arrived at noon. He was exhausted.\nThe meeting ended late.\nDobrynin reported at once.\nKennedy spoke about Cuba. The missiles were discussed.\n";

    private async Task<List<(string Text, int Number, string Author, string Summary)>> BlameAsync(long revisionId, string granularity)
    {
        var body = await HttpAssert.JsonAsync(await history.Reader.GetAsync($"/api/revisions/{revisionId}/blame?granularity={granularity}"));
        Assert.Equal(granularity, body.GetProperty("granularity").GetString());
        return body.GetProperty("spans").EnumerateArray().Select(s =>
        {
            Assert.Equal(history.Revisions[s.GetProperty("revisionNumber").GetInt32() - 1], s.GetProperty("revisionId").GetInt64());
            Assert.NotEqual(JsonValueKind.Null, s.GetProperty("createdAt").ValueKind);
            return (s.GetProperty("text").GetString()!, s.GetProperty("revisionNumber").GetInt32(), s.GetProperty("author").GetString()!, s.GetProperty("summary").GetString()!);
        }).ToList();
    }

    [Fact]
    public async Task Line_blame_credits_each_paragraph_to_its_author_and_a_moved_paragraph_keeps_its_origin()
    {
        var spans = await BlameAsync(history.Revisions[3], "line");

        Assert.Equal(V4, string.Concat(spans.Select(s => s.Text)));
        Assert.Equal(
        [
            ("The ambassador arrived at noon. He was exhausted.\n", 4, Bob, "tired -> exhausted"),
            ("The meeting ended late.\n", 1, Alice, "First translation"),
            ("Dobrynin reported at once.\n", 2, Bob, "Add Dobrynin's report"),
            ("Kennedy spoke about Cuba. The missiles were discussed.\n", 1, Alice, "First translation"),
        ], spans);
    }

    [Fact]
    public async Task Sentence_blame_credits_a_one_word_change_to_its_editor_and_the_rest_of_the_paragraph_to_the_translator()
    {
        var spans = await BlameAsync(history.Revisions[3], "sentence");

        Assert.Equal(V4, string.Concat(spans.Select(s => s.Text)));
        Assert.Equal(
        [
            ("The ambassador arrived at noon. ", 1, Alice, "First translation"),
            ("He was exhausted.\n", 4, Bob, "tired -> exhausted"),
            ("The meeting ended late.\n", 1, Alice, "First translation"),
            ("Dobrynin reported at once.\n", 2, Bob, "Add Dobrynin's report"),
            ("Kennedy spoke about Cuba. The missiles were discussed.\n", 1, Alice, "First translation"),
        ], spans);
    }

    [Fact]
    public async Task Blame_of_an_older_revision_sees_only_its_own_history()
    {
        var spans = await BlameAsync(history.Revisions[1], "line");

        Assert.Equal(
        [
            ("The ambassador arrived at noon. He was tired.\nKennedy spoke about Cuba. The missiles were discussed.\nThe meeting ended late.\n", 1, Alice, "First translation"),
            ("Dobrynin reported at once.\n", 2, Bob, "Add Dobrynin's report"),
        ], spans);
    }

    [Fact]
    public async Task Granularity_defaults_to_line()
    {
        var body = await HttpAssert.JsonAsync(await history.Reader.GetAsync($"/api/revisions/{history.Revisions[3]}/blame"));
        Assert.Equal("line", body.GetProperty("granularity").GetString());
        Assert.Equal(4, body.GetProperty("spans").GetArrayLength());
    }

    [Fact]
    public async Task Bad_granularity_is_a_400_naming_it_and_unknown_revisions_are_404()
    {
        var problem = await HttpAssert.ProblemAsync(await history.Reader.GetAsync($"/api/revisions/{history.Revisions[0]}/blame?granularity=word"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("granularity", out _));
        await HttpAssert.ProblemAsync(await history.Reader.GetAsync("/api/revisions/999999/blame"), HttpStatusCode.NotFound);
    }

    /// <summary>The seed host with one translation of four revisions by Alice, Bob and Carol; the tests only read it.</summary>
    public sealed class History(TestPostgres postgres) : ApiHost(postgres, seed: true)
    {
        public long[] Revisions { get; private set; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var documentId = await TestHistory.SeedDocumentIdAsync(Reader);
            var (translationId, first) = await TestHistory.AddTranslationAsync(Api, documentId, "en-x-test", Alice, V1);
            Revisions =
            [
                first,
                await TestHistory.AddRevisionAsync(Api, translationId, V2, Bob, "Add Dobrynin's report"),
                await TestHistory.AddRevisionAsync(Api, translationId, V3, Carol, "Move the Kennedy paragraph to the end", reviewer: Dora),
                await TestHistory.AddRevisionAsync(Api, translationId, V4, Bob, "tired -> exhausted", reviewer: Carol),
            ];
        }
    }
}
