using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Provenance.Testing;

namespace Provenance.Api.Tests.Hosting;

/// <summary>
/// The service as a user starts it: its own OS process (the built app, or <c>dotnet run</c>), with its
/// console output collected, so start-up behaviour is tested as it happens outside a test host: whether
/// start-up fails with a message or a stack trace, what it logs, which database role it serves as.
/// It listens on a free port of 127.0.0.1 (<see cref="Address"/>) and imports no seed unless told to.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>How long start-up may take on a loaded machine before the test calls it a hang.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ProjectDirectory => Path.Combine(Records.RepositoryRoot(), "src", "Provenance.Api");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int Id => _process.Id;

    /// <summary>Runs the built <c>Provenance.Api.dll</c> as an operator does, with <paramref name="environment"/> (a null value removes a variable).</summary>
    public static ServiceProcess StartBuilt(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var dll = Path.Combine(ProjectDirectory, "bin", Configuration, "net10.0", "Provenance.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; build the solution first.");
        }

        return Start(Path.GetDirectoryName(dll)!, environment, [dll, .. arguments]);
    }

    /// <summary>Runs <c>dotnet run --no-build --project src/Provenance.Api</c> from the repository root, as the README does.</summary>
    public static ServiceProcess StartDotnetRun(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Start(Records.RepositoryRoot(), environment, ["run", "--no-build", "-c", Configuration, "--project", "src/Provenance.Api", .. arguments]);

    private static ServiceProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> arguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in arguments.Concat(["--urls", address.ToString().TrimEnd('/')]))
        {
            start.ArgumentList.Add(a);
        }

        // What the test runner's own environment says about hosting must not leak into the service.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ConnectionStrings__Provenance" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["Serilog__MinimumLevel__Default"] = "Information";
        start.Environment["Provenance__SeedDirectory"] = "none";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new ServiceProcess(new Process { StartInfo = start }, address);
    }

    /// <summary>Waits until the service answers <c>/health/ready</c> (true) or exits (false).</summary>
    public async Task<bool> ReadyOrExitedAsync()
    {
        using var client = Client();
        using var cancel = new CancellationTokenSource(StartTimeout);
        while (!cancel.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None); // drains the output
                return false;
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", cancel.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"The service neither became ready nor exited:\n{Output}");
    }

    /// <summary>A client of the service; its timeout only catches a hang, never a slow machine.</summary>
    public HttpClient Client() => new() { BaseAddress = Address, Timeout = StartTimeout };

    /// <summary>Waits until the output contains <paramref name="text"/>; false when the process exits first or time runs out.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || cancel.IsCancellationRequested)
            {
                // The last lines may still be in the pipe when the process has just exited.
                await _process.WaitForExitAsync(CancellationToken.None);
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return true;
    }

    /// <summary>Waits for the process to exit; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Asks the service to shut down as a service manager would (SIGTERM), so it stops what it started.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        if (!await WaitForExitAsync(timeout))
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
