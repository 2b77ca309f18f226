using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Api.Audit;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>The witness at a URL: checkpoints PUT to a real HTTP server, failures retried, the warning at start.</summary>
[Collection(ApiCollection.Name)]
public sealed class UrlWitnessTests(TestPostgres postgres) : IAsyncLifetime
{
    private WitnessServer _server = null!;
    private AuditLogHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await WitnessServer.StartAsync();
        _host = await AuditLogHost.StartAsync(postgres, new Dictionary<string, string?> { ["Provenance:Audit:WitnessUrl"] = _server.Url });
        for (var i = 0; i < 3; i++)
        {
            await _host.AddCitationAsync($"note {i}");
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<long> VerifiedSizeAsync(string note)
    {
        var file = await _host.WriteFileAsync("put.checkpoint", note);
        var (exit, output, error) = await AuditLogHost.RunVerifierAsync(null, "checkpoint", await _host.VerifierKeyAsync(), file);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("size").GetInt64();
    }

    [Fact]
    public async Task Each_grown_checkpoint_is_put_to_the_url_as_signed_text_and_an_unchanged_one_is_not()
    {
        _server.Puts.Clear();
        await _host.PublishAsync();
        var (type, body) = Assert.Single(_server.Puts);
        Assert.StartsWith("text/plain", type, StringComparison.Ordinal);
        Assert.Equal((await _host.EventsAsync()).Count, await VerifiedSizeAsync(body));
        Assert.Equal(await File.ReadAllTextAsync(_host.WitnessFile), body);

        await _host.PublishAsync();
        Assert.Single(_server.Puts);

        await _host.AddCitationAsync("grown");
        await _host.PublishAsync();
        Assert.Equal(2, _server.Puts.Count);
        Assert.Equal((await _host.EventsAsync()).Count, await VerifiedSizeAsync(_server.Puts.Last().Body));
    }

    [Fact]
    public async Task A_failing_url_is_a_warning_the_file_is_still_written_and_the_next_publish_tries_again()
    {
        _server.Puts.Clear();
        _server.Failing = true;
        var (host, log) = _host.Restart();
        await using (host)
        {
            var witness = host.Services.GetRequiredService<AuditWitness>();
            Assert.Contains(log.Warnings("witness"), e => e.RenderMessage().Contains("Could not read", StringComparison.Ordinal));

            // The service's own first tick may fail too, before or after this call; each failure is a warning.
            await witness.PublishAsync(CancellationToken.None);
            var failures = log.Warnings("Could not publish");
            Assert.NotEmpty(failures);
            Assert.All(failures, w => Assert.IsType<HttpRequestException>(w.Exception));
            Assert.All(failures, w => Assert.DoesNotContain("secret", w.RenderMessage(), StringComparison.Ordinal));
            Assert.Equal((await _host.EventsAsync()).Count, await VerifiedSizeAsync(await File.ReadAllTextAsync(_host.WitnessFile)));
            Assert.Empty(_server.Puts);

            _server.Failing = false;
            var before = log.Warnings("Could not publish").Count;
            await witness.PublishAsync(CancellationToken.None);
            Assert.Equal((await _host.EventsAsync()).Count, await VerifiedSizeAsync(Assert.Single(_server.Puts).Body));
            Assert.Equal(before, log.Warnings("Could not publish").Count);
        }
    }

    [Fact]
    public async Task A_database_behind_the_checkpoint_at_the_url_is_a_warning_at_start_and_the_url_is_not_overwritten()
    {
        await _host.PublishAsync();
        var n = (await _host.EventsAsync()).Count;
        await using (var connection = await _host.SuperuserAsync())
        {
            await AuditLogHost.ExecuteAsync(connection, $"DELETE FROM audit_events WHERE sequence > {n - 2}");
            await AuditLogHost.ExecuteAsync(connection, $"DELETE FROM audit_tree_nodes WHERE (index + 1) << level > {n - 2}");
        }

        // The file witness would say the same; only the URL's stale checkpoint is under test here.
        File.Delete(_host.WitnessFile);
        var stale = _server.Held;
        _server.Puts.Clear();
        var (host, log) = _host.Restart();
        await using (host)
        {
            var warning = Assert.Single(log.Warnings("witness"));
            Assert.Contains("behind", warning.RenderMessage(), StringComparison.Ordinal);
            Assert.Contains("/witness", warning.RenderMessage(), StringComparison.Ordinal);
            Assert.DoesNotContain("secret", warning.RenderMessage(), StringComparison.Ordinal);

            await host.Services.GetRequiredService<AuditWitness>().PublishAsync(CancellationToken.None);
            Assert.Empty(_server.Puts);
            Assert.Equal(stale, _server.Held);
            Assert.True(File.Exists(_host.WitnessFile));
        }
    }

    [Fact]
    public async Task A_database_that_extends_the_checkpoint_at_the_url_starts_without_a_warning()
    {
        await _host.PublishAsync();
        await _host.AddCitationAsync("after the witness");
        var (host, log) = _host.Restart();
        await using (host)
        {
            Assert.Empty(log.Warnings("witness"));
        }
    }
}
