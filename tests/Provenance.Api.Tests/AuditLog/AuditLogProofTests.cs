using System.Net;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Data.Auditing;
using Provenance.Testing;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>Roots, inclusion and consistency proofs of the service, checked by the Python verifier (tools/verify-receipt.py).</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditLogProofTests(TestPostgres postgres) : IAsyncLifetime
{
    private AuditLogHost _host = null!;

    public async Task InitializeAsync() => _host = await AuditLogHost.StartAsync(postgres);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Checkpoint_inclusion_and_consistency_proofs_of_every_size_verify_independently()
    {
        // Concurrent writers: the tree must still be the one over the events in sequence order.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _host.AddCitationAsync($"parallel {i}")));
        var hashes = (await _host.EventsAsync()).Select(e => e.GetProperty("hash").GetString()!).ToList();
        var n = hashes.Count;
        var roots = await AuditLogHost.IndependentRootsAsync(hashes);

        var checkpointFile = await _host.WriteFileAsync("checkpoint", await _host.CheckpointAsync());
        var key = await _host.VerifierKeyAsync();
        var (exit, output, error) = await AuditLogHost.RunVerifierAsync(null, "checkpoint", key, checkpointFile);
        Assert.True(exit == 0, error);
        var opened = JsonDocument.Parse(output).RootElement;
        Assert.Equal(n, opened.GetProperty("size").GetInt64());
        Assert.Equal(roots[^1], opened.GetProperty("root").GetString());

        var inclusions = new List<object>();
        var consistencies = new List<object>();
        for (var size = 1; size <= n; size++)
        {
            for (var sequence = 1; sequence <= size; sequence++)
            {
                var proof = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit/proof/inclusion?sequence={sequence}&treeSize={size}"));
                Assert.Equal(sequence - 1, proof.GetProperty("leafIndex").GetInt64());
                Assert.Equal(size, proof.GetProperty("treeSize").GetInt64());
                inclusions.Add(new { chainHash = hashes[sequence - 1], leafIndex = sequence - 1, treeSize = size, hashes = proof.GetProperty("hashes"), root = roots[size - 1] });

                var consistency = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit/proof/consistency?from={sequence}&to={size}"));
                consistencies.Add(new { from = sequence, to = size, fromRoot = roots[sequence - 1], toRoot = roots[size - 1], hashes = consistency.GetProperty("hashes") });
            }
        }

        await AssertVerifierSaysAsync(0, "inclusion", inclusions);
        await AssertVerifierSaysAsync(0, "consistency", consistencies);

        // The verifier can say no: a proof for another leaf, and a consistency proof against another root.
        var wrongLeaf = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit/proof/inclusion?sequence=3&treeSize={n}"));
        await AssertVerifierSaysAsync(1, "inclusion", [new { chainHash = hashes[3], leafIndex = 2, treeSize = n, hashes = wrongLeaf.GetProperty("hashes"), root = roots[^1] }]);
        var consistent = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit/proof/consistency?from=5&to={n}"));
        await AssertVerifierSaysAsync(1, "consistency", [new { from = 5, to = n, fromRoot = roots[5], toRoot = roots[^1], hashes = consistent.GetProperty("hashes") }]);
    }

    [Fact]
    public async Task Proofs_default_to_the_current_tree_and_a_new_checkpoint_covers_each_committed_write()
    {
        var before = Checkpoint.Parse(SignedText(await _host.CheckpointAsync()), out _)!;
        await _host.AddCitationAsync("one more");
        var after = Checkpoint.Parse(SignedText(await _host.CheckpointAsync()), out _)!;
        Assert.Equal(before.Size + 1, after.Size);

        var inclusion = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit/proof/inclusion?sequence={after.Size}"));
        Assert.Equal(after.Size, inclusion.GetProperty("treeSize").GetInt64());
        var consistency = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit/proof/consistency?from={before.Size}"));
        var hashes = (await _host.EventsAsync()).Select(e => e.GetProperty("hash").GetString()!).ToList();
        var roots = await AuditLogHost.IndependentRootsAsync(hashes);
        Assert.Equal(roots[^1], Convert.ToBase64String(after.Root));
        await AssertVerifierSaysAsync(0, "consistency",
            [new { from = before.Size, to = after.Size, fromRoot = Convert.ToBase64String(before.Root), toRoot = Convert.ToBase64String(after.Root), hashes = consistency.GetProperty("hashes") }]);
    }

    [Theory]
    [InlineData("/api/audit/proof/inclusion", "sequence")]
    [InlineData("/api/audit/proof/inclusion?sequence=0", "sequence")]
    [InlineData("/api/audit/proof/inclusion?sequence=999999", "sequence")]
    [InlineData("/api/audit/proof/inclusion?sequence=1&treeSize=999999", "treeSize")]
    [InlineData("/api/audit/proof/inclusion?sequence=1&treeSize=0", "treeSize")]
    [InlineData("/api/audit/proof/inclusion?sequence=3&treeSize=2", "sequence")]
    [InlineData("/api/audit/proof/consistency", "from")]
    [InlineData("/api/audit/proof/consistency?from=0", "from")]
    [InlineData("/api/audit/proof/consistency?from=2&to=1", "from")]
    [InlineData("/api/audit/proof/consistency?from=1&to=999999", "to")]
    public async Task Bad_proof_parameters_are_400_problems_naming_them(string url, string field)
    {
        var problem = await HttpAssert.ProblemAsync(await _host.Reader.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a checkpoint")]
    [InlineData("provenance/audit\n3\nAAAA\n")]
    [InlineData("provenance/audit\n3\nAAAA\n\n\u2014 provenance/audit AAAAAAAAAA==\n")]
    [InlineData("provenance/audit\nthree\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 provenance/audit AAAAAAAAAA==\n")]
    public async Task A_malformed_checkpoint_is_a_400_problem_naming_it(string body)
    {
        var problem = await HttpAssert.ProblemAsync(await _host.Reader.PostAsync("/api/audit/verify", new StringContent(body)), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("checkpoint", out _), problem.ToString());
    }

    [Fact]
    public async Task The_verifier_key_is_the_configured_key_file_in_the_C2SP_format()
    {
        var key = await _host.VerifierKeyAsync();
        using var signer = NoteSigner.FromSignerKey(await File.ReadAllTextAsync(_host.KeyFile));
        Assert.Equal(signer.VerifierKey, key);
        var parts = key.Split('+', 3);
        Assert.Equal("provenance/audit", parts[0]);
        Assert.Equal(8, parts[1].Length);
        Assert.Equal(33, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(0x01, Convert.FromBase64String(parts[2])[0]);
    }

    private static string SignedText(string note) => note[..(note.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];

    private static async Task AssertVerifierSaysAsync(int expectedExit, string command, IEnumerable<object> proofs)
    {
        var (exit, _, error) = await AuditLogHost.RunVerifierAsync(JsonSerializer.Serialize(proofs), command);
        Assert.True(exit == expectedExit, $"{command}: exit {exit}: {error}");
    }
}
