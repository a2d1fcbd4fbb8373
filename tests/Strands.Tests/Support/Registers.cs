namespace Niagara.Strands.Tests.Support;

/// <summary>Integer register numbers by their assembler names.</summary>
public static class Registers
{
    public const int G0 = 0, G1 = 1, G2 = 2, G3 = 3, G4 = 4, G5 = 5, G6 = 6, G7 = 7;
    public const int O0 = 8, O1 = 9, O2 = 10, O3 = 11, O4 = 12, O5 = 13, Sp = 14, O7 = 15;
    public const int L0 = 16, L1 = 17, L2 = 18, L3 = 19, L4 = 20, L5 = 21, L6 = 22, L7 = 23;
    public const int I0 = 24, I1 = 25, I2 = 26, I3 = 27, I4 = 28, I5 = 29, Fp = 30, I7 = 31;
}
