using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provenance.Api.Hosting;

namespace Provenance.Api.Tests.Hosting;

public sealed class IdleCollectorTests
{
    private const long Megabyte = 1024 * 1024;

    private static readonly IdleCollectionOptions Defaults = new();

    public sealed class IsWorthCollecting
    {
        [Fact]
        public void A_heap_grown_by_the_threshold_while_quiet_is_collected() =>
            Assert.True(IdleCollector.IsWorthCollecting(1300 * Megabyte, 1000 * Megabyte, 2 * Megabyte, Defaults));

        [Fact]
        public void A_heap_grown_less_than_the_threshold_is_left_alone() =>
            Assert.False(IdleCollector.IsWorthCollecting(1200 * Megabyte, 1000 * Megabyte, 2 * Megabyte, Defaults));

        [Fact]
        public void A_service_still_allocating_is_left_to_the_runtime() =>
            Assert.False(IdleCollector.IsWorthCollecting(3000 * Megabyte, 1000 * Megabyte, 100 * Megabyte, Defaults));

        [Fact]
        public void A_threshold_of_zero_turns_it_off() =>
            Assert.False(IdleCollector.IsWorthCollecting(3000 * Megabyte, 0, 0, new IdleCollectionOptions { GrowthMegabytes = 0 }));
    }

    private static IdleCollector Collector(int growthMegabytes) =>
        new(Options.Create(new IdleCollectionOptions { GrowthMegabytes = growthMegabytes, QuietMegabytes = 1 << 20 }),
            TimeProvider.System, NullLogger<IdleCollector>.Instance);

    [Fact]
    public void A_grown_quiet_heap_gets_one_full_collection_and_then_none()
    {
        GC.Collect();
        var collector = Collector(growthMegabytes: 48);
        var burst = new byte[96 * Megabyte];
        burst[^1] = 1;
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);

        Assert.True(collector.CollectIfIdle());
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullCollections);
        GC.KeepAlive(burst);

        // What it left (the burst is still alive) is the new starting point: no second collection for the same heap.
        Assert.False(collector.CollectIfIdle());
    }

    [Fact]
    public void A_heap_that_did_not_grow_by_the_threshold_is_not_collected()
    {
        var collector = Collector(growthMegabytes: 1 << 20);
        var burst = new byte[64 * Megabyte];
        burst[^1] = 1;

        Assert.False(collector.CollectIfIdle());
        GC.KeepAlive(burst);
    }
}
