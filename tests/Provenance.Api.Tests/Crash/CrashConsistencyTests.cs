using Xunit.Abstractions;

namespace Provenance.Api.Tests.Crash;

/// <summary>
/// The short crash run of the suite (3 cycles by default). <c>bench/crash/run.sh</c> runs this same
/// test with <c>CRASH_CYCLES=30</c> and writes its figures to <c>CRASH_REPORT</c>.
/// </summary>
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Acknowledged_writes_and_the_audit_chain_survive_kill_9_and_immediate_postgres_stops()
    {
        var options = CrashRunOptions.FromEnvironment();
        CrashRunReport report;
        await using (var harness = new CrashHarness(options, line => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.f} {line}")))
        {
            report = await harness.RunAsync();
        }

        var markdown = report.ToMarkdown();
        output.WriteLine(markdown);
        if (options.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, markdown);
        }

        Assert.True(report.Violations.Count == 0, markdown);
        Assert.True(report.AcknowledgedRevisions > 0, "No revision was acknowledged: the editors never got through.\n" + markdown);
        Assert.True(report.AcknowledgedMerged > 0, "No stale submission merged: the run did not exercise merges.\n" + markdown);
    }
}
