using System.Net;
using Provenance.Api.Tests.Support;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.WritePath;

/// <summary>A stale edit merged past the diff's cost cap: the 409 says its conflicts are coarse.</summary>
[Collection(ApiCollection.Name)]
public sealed class BoundedMergeTests(WritePathHost host) : IClassFixture<WritePathHost>
{
    [Fact]
    public async Task A_conflict_found_past_the_cost_cap_says_it_is_coarse()
    {
        // 6,000 distinct lines, each rewritten differently on both sides: ((6,000 + 6,000) / 2)² line pairs is over
        // the default cap of 16 million, so the merge compares coarsely (and still finds the conflict).
        static string Lines(string prefix) => string.Join('\n', Enumerable.Range(1, 6000).Select(i => $"{prefix} line {i}, number {i * 7919 % 6007}."));
        var t = await host.CreateTranslationAsync(Lines("Base"));
        var editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
        var otherEditor = host.Client(await host.KeyAsync("Olga Editor", "editor"));
        await HttpAssert.JsonAsync(await SubmitAsync(editor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId, text = Lines("Head"), summary = "Ed's retranslation",
        }), HttpStatusCode.Created);

        var problem = await HttpAssert.ProblemAsync(await SubmitAsync(otherEditor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId, text = Lines("Olga's"), summary = "Olga's retranslation",
        }), HttpStatusCode.Conflict);

        Assert.True(problem.GetProperty("bounded").GetBoolean());
        Assert.Contains("coarse", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(problem.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(2, (await host.HistoryAsync(t.TranslationId)).Count);
    }
}
