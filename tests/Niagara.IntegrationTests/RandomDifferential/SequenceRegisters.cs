namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// The integer registers a random sequence may read and write, and the layout of the value
/// vector (initial values and register dumps): the usable registers in order, then %y, then %ccr.
/// </summary>
public static class SequenceRegisters
{
    /// <summary>
    /// %g1-%g5, %o0-%o5, %l0-%l7, %i0-%i5. Left out: %g6/%g7 (reserved for the system; %g7 is
    /// glibc's thread pointer), %sp/%o6 and %fp/%i6 (stack addresses differ between qemu and the
    /// simulator, and window spills need them), %i7 (return address) and %o7 (the harness's
    /// pointer to the value vectors).
    /// </summary>
    public static IReadOnlyList<int> Usable { get; } =
        [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];

    /// <summary>Position of %y in a value vector.</summary>
    public static int YIndex => Usable.Count;

    /// <summary>Position of %ccr in a value vector.</summary>
    public static int CcrIndex => Usable.Count + 1;

    /// <summary>Length of a value vector.</summary>
    public static int ValueCount => Usable.Count + 2;

    public static bool IsUsable(int register) => IndexOf(register) >= 0;

    /// <summary>Position of <paramref name="register"/> in <see cref="Usable"/>, or -1.</summary>
    public static int IndexOf(int register)
    {
        for (int k = 0; k < Usable.Count; k++)
        {
            if (Usable[k] == register)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>Assembler name of integer register 0..31 (%g0 ... %i7).</summary>
    public static string Name(int register) => "%" + "goli"[(register >> 3) & 3] + (register & 7);

    /// <summary>Name of value-vector slot <paramref name="index"/>.</summary>
    public static string SlotName(int index) =>
        index < Usable.Count ? Name(Usable[index]) : index == YIndex ? "%y" : "%ccr";
}
