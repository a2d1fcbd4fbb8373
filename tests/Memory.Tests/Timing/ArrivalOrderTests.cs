using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

public class ArrivalOrderTests
{
    [Theory]
    [InlineData(1, 1UL)]
    [InlineData(300, 16UL)]          // many ties
    [InlineData(300, 9000UL)]        // a quantum's span: two radix passes
    [InlineData(1000, 1UL << 20)]
    [InlineData(500, 1UL << 40)]     // beyond 32 bits
    [InlineData(200, ulong.MaxValue)] // the whole range: eight passes
    public void Sort_EqualsAStableSortByTime(int n, ulong span)
    {
        var random = new Random(n ^ (int)(span & 0x7fffffff));
        var sorter = new ArrivalOrder();
        for (int round = 0; round < 5; round++) // reused buffers across batches
        {
            ulong offset = round == 4 ? ulong.MaxValue - span : (ulong)random.NextInt64(0, 1L << 40);
            ulong[] times = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                times[i] = offset + (span == ulong.MaxValue ? (ulong)random.NextInt64() * 2 : (ulong)random.NextInt64(0, (long)Math.Min(span, long.MaxValue)));
            }
            int[] order = new int[n];
            sorter.Sort(times, order);
            int[] expected = Enumerable.Range(0, n).OrderBy(i => times[i]).ToArray(); // LINQ OrderBy is stable
            Assert.Equal(expected, order);
        }
    }

    [Fact]
    public void Sort_AlreadyOrderedAndReversedRuns()
    {
        var sorter = new ArrivalOrder();
        ulong[] ordered = [5, 5, 7, 100, 100, 100, 4000];
        int[] order = new int[ordered.Length];
        sorter.Sort(ordered, order);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], order);

        // Per-core logs as the weave gathers them: each in order, the concatenation not.
        ulong[] runs = [10, 20, 30, 5, 20, 40, 20, 25];
        order = new int[runs.Length];
        sorter.Sort(runs, order);
        Assert.Equal([3, 0, 1, 4, 6, 7, 2, 5], order);
    }

    [Fact]
    public void Sort_EmptyBatch_AndShortOrderSpan()
    {
        var sorter = new ArrivalOrder();
        sorter.Sort([], []);
        Assert.Throws<ArgumentException>(() => sorter.Sort([1, 2], new int[1]));
    }
}
