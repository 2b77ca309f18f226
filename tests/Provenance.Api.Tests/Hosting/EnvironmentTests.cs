using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Hosting;

/// <summary>
/// <c>dotnet run</c> applies the launch profile, which sets Development; the README's way to run in
/// production (<c>dotnet run … -e ASPNETCORE_ENVIRONMENT=Production</c>) must really be Production.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EnvironmentTests(TestPostgres postgres)
{
    [Theory]
    [InlineData(new string[0], "Development")]
    [InlineData(new[] { "-e", "ASPNETCORE_ENVIRONMENT=Production" }, "Production")]
    public async Task Dotnet_run_hosts_in_the_environment_the_readme_says(string[] runArguments, string expected)
    {
        await using var database = await postgres.CreateScratchDatabaseAsync();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Provenance"] = database.ConnectionString,
        };
        await using var service = ServiceProcess.StartDotnetRun(environment, runArguments);

        // Development writes readable lines, other environments JSON; both carry this sentence.
        Assert.True(await service.WaitForOutputAsync("Hosting environment: ", ServiceProcess.StartTimeout), service.Output);
        Assert.True(await service.WaitForOutputAsync("Content root path", ServiceProcess.StartTimeout), service.Output);
        var line = service.Output.Split('\n').Single(l => l.Contains("Hosting environment: ", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
