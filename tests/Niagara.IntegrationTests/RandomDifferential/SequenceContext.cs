namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// One sequence's register choice: a few working registers (the only ones it writes, so values
/// flow from instruction to instruction) and divisor registers (read, never written).
/// </summary>
public sealed class SequenceContext
{
    public const int DivisorCount = 2;
    public const int MinWorking = 6;
    public const int MaxWorking = 10;

    private SequenceContext(IReadOnlyList<int> working, IReadOnlyList<int> divisors)
    {
        Working = working;
        Divisors = divisors;
    }

    public IReadOnlyList<int> Working { get; }

    public IReadOnlyList<int> Divisors { get; }

    public bool IsWorking(int register) => Contains(Working, register);

    public bool IsDivisor(int register) => Contains(Divisors, register);

    public static SequenceContext Pick(Random random)
    {
        var pool = new List<int>(SequenceRegisters.Usable);
        var divisors = Take(random, pool, DivisorCount);
        var working = Take(random, pool, random.Next(MinWorking, MaxWorking + 1));
        return new SequenceContext(working, divisors);
    }

    private static int[] Take(Random random, List<int> pool, int count)
    {
        var taken = new int[count];
        for (int k = 0; k < count; k++)
        {
            int at = random.Next(pool.Count);
            taken[k] = pool[at];
            pool.RemoveAt(at);
        }

        return taken;
    }

    private static bool Contains(IReadOnlyList<int> registers, int register)
    {
        foreach (int r in registers)
        {
            if (r == register)
            {
                return true;
            }
        }

        return false;
    }
}
