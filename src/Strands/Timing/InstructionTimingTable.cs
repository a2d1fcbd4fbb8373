using Niagara.Memory.Timing;
using Niagara.Strands.Isa;

namespace Niagara.Strands.Timing;

/// <summary>
/// The timing side of the ISA table: for every <see cref="InstructionSpec"/> (by its index, which
/// every predecoded <see cref="Instruction"/> carries) its <see cref="TimingClass"/>, the bytes a
/// memory access moves and the FPU pipe an FPop uses. Derived once from the rows' format and
/// opcode fields (STYLE.md: ISA as data), so the timed loop does one array read per instruction.
/// </summary>
public static class InstructionTimingTable
{
    private static readonly TimingClass[] ClassBySpec;
    private static readonly byte[] AccessBytesBySpec;
    private static readonly FpOperation[] FpOperationBySpec;

#pragma warning disable CA1810 // three tables filled in one pass over the ISA table
    static InstructionTimingTable()
    {
        IReadOnlyList<InstructionSpec> specs = InstructionTable.Specs;
        ClassBySpec = new TimingClass[specs.Count];
        AccessBytesBySpec = new byte[specs.Count];
        FpOperationBySpec = new FpOperation[specs.Count];
        foreach (InstructionSpec spec in specs)
        {
            ClassBySpec[spec.Index] = Classify(spec);
            AccessBytesBySpec[spec.Index] = (byte)AccessSize(spec);
            FpOperationBySpec[spec.Index] = FpPipe(spec);
        }
    }
#pragma warning restore CA1810

    /// <summary>The class of row <paramref name="spec"/>; <see cref="TimingClass.Simple"/> for an illegal instruction.</summary>
    public static TimingClass ClassOf(ushort spec) => spec < ClassBySpec.Length ? ClassBySpec[spec] : TimingClass.Simple;

    /// <summary>Bytes a memory row reads or writes (1..64); 0 for other rows.</summary>
    public static int AccessBytes(ushort spec) => spec < AccessBytesBySpec.Length ? AccessBytesBySpec[spec] : 0;

    /// <summary>The FPU pipe of a <see cref="TimingClass.FloatOperation"/> row.</summary>
    public static FpOperation FpOperationOf(ushort spec) =>
        spec < FpOperationBySpec.Length ? FpOperationBySpec[spec] : FpOperation.AddSubCompareConvert;

    /// <summary>The class table itself, for the hot loop (index by <see cref="Instruction.Spec"/>, bounds-checked by the caller).</summary>
    internal static TimingClass[] Classes => ClassBySpec;

    /// <summary>The class of one row (public for the tests that pin the table).</summary>
    public static TimingClass Classify(InstructionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        uint op = spec.Match >> 30;
        uint op3 = (spec.Match >> 19) & 0x3f;
        bool alternate = op == 3 && (op3 & 0x10) != 0;
        switch (spec.Format)
        {
            case OperandFormat.Load:
                // LDSTUB(A) 0x0d/0x1d and SWAP(A) 0x0f/0x1f share the load format.
                if ((op3 & 0xf) is 0x0d or 0x0f)
                {
                    return TimingClass.Atomic;
                }

                return alternate ? TimingClass.LoadAlternate : TimingClass.Load;
            case OperandFormat.Store:
                return alternate ? TimingClass.StoreAlternate : TimingClass.Store;
            case OperandFormat.CompareAndSwap:
                return TimingClass.CompareAndSwap;
            case OperandFormat.LoadFloat:
                return TimingClass.FloatLoad;
            case OperandFormat.StoreFloat:
                return TimingClass.FloatStore;
            case OperandFormat.LoadStoreFsr:
                return op3 == 0x21 ? TimingClass.FloatLoad : TimingClass.FloatStore;
            case OperandFormat.FloatUnary:
            case OperandFormat.FloatBinary:
            case OperandFormat.FloatCompare:
            case OperandFormat.FloatMoveOnCondition:
            case OperandFormat.FloatMoveOnRegister:
            case OperandFormat.Vis:
                return TimingClass.FloatOperation;
        }

        if ((spec.Flags & InstructionFlags.ControlTransfer) != 0)
        {
            return TimingClass.ControlTransfer;
        }

        if (op == 2)
        {
            switch (op3)
            {
                case 0x09 or 0x0a or 0x0b or 0x1a or 0x1b:
                    return TimingClass.Multiply;
                case 0x0d or 0x0e or 0x0f or 0x1e or 0x1f or 0x2d:
                    return TimingClass.Divide;
                case 0x3c or 0x3d:
                    return TimingClass.WindowChange;
            }
        }

        return TimingClass.Simple;
    }

    private static int AccessSize(InstructionSpec spec)
    {
        uint op3 = (spec.Match >> 19) & 0x3f;
        switch (Classify(spec))
        {
            case TimingClass.Load:
            case TimingClass.LoadAlternate:
            case TimingClass.Store:
            case TimingClass.StoreAlternate:
            case TimingClass.Atomic:
                // V9 op3 low nibble: ld/st word 0/4/8, byte 1/5/9/d, half 2/6/a, twin 3/7, x b/e, swap f.
                return (op3 & 0xf) switch
                {
                    0x1 or 0x5 or 0x9 or 0xd => 1,
                    0x2 or 0x6 or 0xa => 2,
                    0x3 or 0x7 or 0xb or 0xe => 8,
                    _ => 4,
                };
            case TimingClass.CompareAndSwap:
                return op3 == 0x3e ? 8 : 4;
            case TimingClass.FloatLoad:
            case TimingClass.FloatStore:
                // LDF/STF and the 32-bit %fsr forms ("ld"/"st") move 4 bytes; the rest 8.
                bool word = spec.RdWidth == FloatWidth.Single || (spec.Format == OperandFormat.LoadStoreFsr && spec.Mnemonic.Length == 2);
                return word ? 4 : 8;
            default:
                return 0;
        }
    }

    private static FpOperation FpPipe(InstructionSpec spec)
    {
        if (Classify(spec) != TimingClass.FloatOperation || spec.Format == OperandFormat.Vis)
        {
            return FpOperation.AddSubCompareConvert;
        }

        uint opf = (spec.Match >> 5) & 0x1ff;
        return opf switch
        {
            0x049 or 0x04a or 0x069 => FpOperation.Multiply,
            0x04d => FpOperation.DivideSingle,
            0x04e => FpOperation.DivideDouble,
            0x084 or 0x088 or 0x0c4 or 0x0c8 => FpOperation.ConvertFromInteger,
            _ => FpOperation.AddSubCompareConvert,
        };
    }
}
