using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Provenance.Api.Hosting;

/// <summary>Settings of <see cref="IdleCollector"/> (section <c>Provenance:IdleCollection</c>).</summary>
public sealed class IdleCollectionOptions
{
    public const string Section = "Provenance:IdleCollection";

    /// <summary>How often the heap is looked at.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Growth of the managed heap over what the last collection here left that is worth giving back, in MB; 0 turns it off.</summary>
    [Range(0, 1 << 20)]
    public int GrowthMegabytes { get; set; } = 256;

    /// <summary>At most this many MB allocated in one <see cref="CheckEvery"/> counts as quiet (a few requests a second).</summary>
    [Range(0, 1 << 20)]
    public int QuietMegabytes { get; set; } = 16;
}

/// <summary>
/// Gives the memory of a burst of huge requests back once the service is quiet (ADR 0011). The runtime collects only
/// when something allocates, so after eight 1e6-line diffs an idle service kept ~1 GB of dead objects and free
/// regions committed for good; no GC setting changes that. Here, when the managed heap has grown by
/// <see cref="IdleCollectionOptions.GrowthMegabytes"/> over what the last such collection left and the last
/// interval allocated little, one compacting full collection with decommit runs (<see cref="GCCollectionMode.Aggressive"/>),
/// as Java's G1 does on idle (JEP 346). Under load the runtime's own collections run anyway, and this one does not.
/// </summary>
public sealed class IdleCollector(IOptions<IdleCollectionOptions> options, TimeProvider time, ILogger<IdleCollector> logger) : BackgroundService
{
    private const long Megabyte = 1024 * 1024;

    private long _baseline = GC.GetTotalMemory(forceFullCollection: false);
    private long _allocated = GC.GetTotalAllocatedBytes();

    /// <summary>Whether a heap of <paramref name="heapBytes"/> that allocated <paramref name="allocatedBytes"/> since the last look is to be collected.</summary>
    public static bool IsWorthCollecting(long heapBytes, long baselineBytes, long allocatedBytes, IdleCollectionOptions settings) =>
        settings.GrowthMegabytes > 0
        && heapBytes - baselineBytes >= settings.GrowthMegabytes * Megabyte
        && allocatedBytes <= settings.QuietMegabytes * Megabyte;

    /// <summary>One look at the heap; true when it collected.</summary>
    public bool CollectIfIdle()
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var sinceLastLook = allocated - _allocated;
        _allocated = allocated;

        // Counts objects allocated since the last collection too, dead or not: the burst's last ones are there.
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        if (!IsWorthCollecting(heap, _baseline, sinceLastLook, options.Value))
        {
            // A heap that shrank by the runtime's own collections is the new starting point.
            _baseline = Math.Min(_baseline, heap);
            return false;
        }

        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var watch = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        watch.Stop();
        _baseline = GC.GetTotalMemory(forceFullCollection: false);
        _allocated = GC.GetTotalAllocatedBytes();
        logger.LogInformation(
            "Quiet after the heap grew to {HeapMegabytes} MB: one full collection in {Milliseconds} ms left {LiveMegabytes} MB, committed {BeforeMegabytes} -> {AfterMegabytes} MB",
            heap / Megabyte, watch.ElapsedMilliseconds, _baseline / Megabyte, committed / Megabyte, GC.GetGCMemoryInfo().TotalCommittedBytes / Megabyte);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.GrowthMegabytes == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CollectIfIdle();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

internal static class IdleCollectionSetup
{
    public static IHostApplicationBuilder AddProvenanceIdleCollection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdleCollectionOptions>().BindConfiguration(IdleCollectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IdleCollector>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdleCollector>());
        return builder;
    }
}
