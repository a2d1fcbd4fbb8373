using Niagara.Strands.Isa;
using static Niagara.Strands.Isa.InstructionFlags;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// The memory rows of the ISA table (V9 appendix A, op = 3, plus FLUSH), mnemonics as GNU
/// objdump prints them ("ld" for LDUW, "ldtw" for LDD, "lda" for LDUWA ...). Rows whose rd is
/// also a source (stores, LDTW/STTW, CASA, SWAP) carry the raw rd: no IntegerDestination.
/// </summary>
public static unsafe class LoadStoreInstructions
{
    private const InstructionFlags Address = ReadsRs1 | ReadsRs2;
    private const InstructionFlags IntegerLoad = IntegerDestination | Address;

    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();

        // Integer loads and stores (op3 0x00..0x0F) and their alternate-space forms (0x10..0x1F).
        specs.Add(Load<UnsignedWord>("ld", 0x00));
        specs.Add(Load<UnsignedByte>("ldub", 0x01));
        specs.Add(Load<UnsignedHalfword>("lduh", 0x02));
        specs.Add(Load<SignedWord>("ldsw", 0x08));
        specs.Add(Load<SignedByte>("ldsb", 0x09));
        specs.Add(Load<SignedHalfword>("ldsh", 0x0a));
        specs.Add(Load<ExtendedWord>("ldx", 0x0b));
        specs.Add(LoadAlternate<UnsignedWord>("lda", 0x10));
        specs.Add(LoadAlternate<UnsignedByte>("lduba", 0x11));
        specs.Add(LoadAlternate<UnsignedHalfword>("lduha", 0x12));
        specs.Add(LoadAlternate<SignedWord>("ldswa", 0x18));
        specs.Add(LoadAlternate<SignedByte>("ldsba", 0x19));
        specs.Add(LoadAlternate<SignedHalfword>("ldsha", 0x1a));
        specs.Add(LoadAlternate<ExtendedWord>("ldxa", 0x1b));

        specs.Add(Store<UnsignedWord>("st", 0x04));
        specs.Add(Store<UnsignedByte>("stb", 0x05));
        specs.Add(Store<UnsignedHalfword>("sth", 0x06));
        specs.Add(Store<ExtendedWord>("stx", 0x0e));
        specs.Add(StoreAlternate<UnsignedWord>("sta", 0x14));
        specs.Add(StoreAlternate<UnsignedByte>("stba", 0x15));
        specs.Add(StoreAlternate<UnsignedHalfword>("stha", 0x16));
        specs.Add(StoreAlternate<ExtendedWord>("stxa", 0x1e));

        specs.Add(Row("ldtw", 0x03, OperandFormat.Load, &LoadHandlers.LoadTwinWord<RegisterOperand>, &LoadHandlers.LoadTwinWord<ImmediateOperand>, Address));
        specs.Add(Row("ldtwa", 0x13, OperandFormat.Load, &LoadHandlers.LoadTwinWordAlternate<RegisterOperand>, &LoadHandlers.LoadTwinWordAlternate<ImmediateOperand>, Address));
        specs.Add(Row("sttw", 0x07, OperandFormat.Store, &StoreHandlers.StoreTwinWord<RegisterOperand>, &StoreHandlers.StoreTwinWord<ImmediateOperand>, Address));
        specs.Add(Row("sttwa", 0x17, OperandFormat.Store, &StoreHandlers.StoreTwinWordAlternate<RegisterOperand>, &StoreHandlers.StoreTwinWordAlternate<ImmediateOperand>, Address));

        // Atomics.
        specs.Add(Row("ldstub", 0x0d, OperandFormat.Load, &AtomicHandlers.LoadStoreUnsignedByte<RegisterOperand>, &AtomicHandlers.LoadStoreUnsignedByte<ImmediateOperand>, IntegerLoad));
        specs.Add(Row("ldstuba", 0x1d, OperandFormat.Load, &AtomicHandlers.LoadStoreUnsignedByteAlternate<RegisterOperand>, &AtomicHandlers.LoadStoreUnsignedByteAlternate<ImmediateOperand>, IntegerLoad));
        specs.Add(Row("swap", 0x0f, OperandFormat.Load, &AtomicHandlers.Swap<RegisterOperand>, &AtomicHandlers.Swap<ImmediateOperand>, Address));
        specs.Add(Row("swapa", 0x1f, OperandFormat.Load, &AtomicHandlers.SwapAlternate<RegisterOperand>, &AtomicHandlers.SwapAlternate<ImmediateOperand>, Address));
        specs.Add(Row("casa", 0x3c, OperandFormat.CompareAndSwap, &AtomicHandlers.CompareAndSwap32<RegisterOperand>, &AtomicHandlers.CompareAndSwap32<ImmediateOperand>, Address));
        specs.Add(Row("casxa", 0x3e, OperandFormat.CompareAndSwap, &AtomicHandlers.CompareAndSwap64<RegisterOperand>, &AtomicHandlers.CompareAndSwap64<ImmediateOperand>, Address));

        // Floating point (op3 0x20..0x27, alternate 0x30..0x37).
        specs.Add(Float("ld", 0x20, OperandFormat.LoadFloat, FloatWidth.Single, &FloatLoadStoreHandlers.LoadSingle<RegisterOperand>, &FloatLoadStoreHandlers.LoadSingle<ImmediateOperand>));
        specs.Add(Float("ldd", 0x23, OperandFormat.LoadFloat, FloatWidth.Double, &FloatLoadStoreHandlers.LoadDouble<RegisterOperand>, &FloatLoadStoreHandlers.LoadDouble<ImmediateOperand>));
        specs.Add(Float("ldq", 0x22, OperandFormat.LoadFloat, FloatWidth.Quad, &FloatLoadStoreHandlers.QuadUnimplemented, &FloatLoadStoreHandlers.QuadUnimplemented));
        specs.Add(Float("st", 0x24, OperandFormat.StoreFloat, FloatWidth.Single, &FloatLoadStoreHandlers.StoreSingle<RegisterOperand>, &FloatLoadStoreHandlers.StoreSingle<ImmediateOperand>));
        specs.Add(Float("std", 0x27, OperandFormat.StoreFloat, FloatWidth.Double, &FloatLoadStoreHandlers.StoreDouble<RegisterOperand>, &FloatLoadStoreHandlers.StoreDouble<ImmediateOperand>));
        specs.Add(Float("stq", 0x26, OperandFormat.StoreFloat, FloatWidth.Quad, &FloatLoadStoreHandlers.QuadUnimplemented, &FloatLoadStoreHandlers.QuadUnimplemented));
        specs.Add(Float("lda", 0x30, OperandFormat.LoadFloat, FloatWidth.Single, &FloatLoadStoreHandlers.LoadSingleAlternate<RegisterOperand>, &FloatLoadStoreHandlers.LoadSingleAlternate<ImmediateOperand>));
        specs.Add(Float("ldda", 0x33, OperandFormat.LoadFloat, FloatWidth.Double, &BlockTransfer.LoadDoubleAlternate<RegisterOperand>, &BlockTransfer.LoadDoubleAlternate<ImmediateOperand>));
        specs.Add(Float("ldqa", 0x32, OperandFormat.LoadFloat, FloatWidth.Quad, &FloatLoadStoreHandlers.QuadUnimplemented, &FloatLoadStoreHandlers.QuadUnimplemented));
        specs.Add(Float("sta", 0x34, OperandFormat.StoreFloat, FloatWidth.Single, &FloatLoadStoreHandlers.StoreSingleAlternate<RegisterOperand>, &FloatLoadStoreHandlers.StoreSingleAlternate<ImmediateOperand>));
        specs.Add(Float("stda", 0x37, OperandFormat.StoreFloat, FloatWidth.Double, &BlockTransfer.StoreDoubleAlternate<RegisterOperand>, &BlockTransfer.StoreDoubleAlternate<ImmediateOperand>));
        specs.Add(Float("stqa", 0x36, OperandFormat.StoreFloat, FloatWidth.Quad, &FloatLoadStoreHandlers.QuadUnimplemented, &FloatLoadStoreHandlers.QuadUnimplemented));

        // %fsr: rd = 0 is the 32-bit form, rd = 1 the 64-bit one; other rd values are illegal.
        specs.Add(Fsr("ld", Encoding.Memory(0x21).Rd(0), &FloatLoadStoreHandlers.LoadFsr<RegisterOperand>, &FloatLoadStoreHandlers.LoadFsr<ImmediateOperand>));
        specs.Add(Fsr("ldx", Encoding.Memory(0x21).Rd(1), &FloatLoadStoreHandlers.LoadXFsr<RegisterOperand>, &FloatLoadStoreHandlers.LoadXFsr<ImmediateOperand>));
        specs.Add(Fsr("st", Encoding.Memory(0x25).Rd(0), &FloatLoadStoreHandlers.StoreFsr<RegisterOperand>, &FloatLoadStoreHandlers.StoreFsr<ImmediateOperand>));
        specs.Add(Fsr("stx", Encoding.Memory(0x25).Rd(1), &FloatLoadStoreHandlers.StoreXFsr<RegisterOperand>, &FloatLoadStoreHandlers.StoreXFsr<ImmediateOperand>));

        specs.Add(new InstructionSpec("prefetch", Encoding.Memory(0x2d), OperandFormat.Prefetch, &PrefetchFlushHandlers.Prefetch, Address));
        specs.Add(new InstructionSpec("prefetcha", Encoding.Memory(0x3d), OperandFormat.Prefetch, &PrefetchFlushHandlers.Prefetch, Address));
        specs.Add(new InstructionSpec(
            "flush", Encoding.Arith(0x3b), OperandFormat.Flush,
            &PrefetchFlushHandlers.Flush<RegisterOperand>, &PrefetchFlushHandlers.Flush<ImmediateOperand>, Address));

        return specs;
    }

    private static InstructionSpec Load<TKind>(string mnemonic, uint op3)
        where TKind : struct, ILoadKind =>
        Row(mnemonic, op3, OperandFormat.Load, &LoadHandlers.Load<TKind, RegisterOperand>, &LoadHandlers.Load<TKind, ImmediateOperand>, IntegerLoad);

    private static InstructionSpec LoadAlternate<TKind>(string mnemonic, uint op3)
        where TKind : struct, ILoadKind =>
        Row(mnemonic, op3, OperandFormat.Load, &LoadHandlers.LoadAlternate<TKind, RegisterOperand>, &LoadHandlers.LoadAlternate<TKind, ImmediateOperand>, IntegerLoad);

    private static InstructionSpec Store<TKind>(string mnemonic, uint op3)
        where TKind : struct, IStoreKind =>
        Row(mnemonic, op3, OperandFormat.Store, &StoreHandlers.Store<TKind, RegisterOperand>, &StoreHandlers.Store<TKind, ImmediateOperand>, Address);

    private static InstructionSpec StoreAlternate<TKind>(string mnemonic, uint op3)
        where TKind : struct, IStoreKind =>
        Row(mnemonic, op3, OperandFormat.Store, &StoreHandlers.StoreAlternate<TKind, RegisterOperand>, &StoreHandlers.StoreAlternate<TKind, ImmediateOperand>, Address);

    private static InstructionSpec Row(
        string mnemonic,
        uint op3,
        OperandFormat format,
        delegate*<Strand, ref Instruction, void> registerForm,
        delegate*<Strand, ref Instruction, void> immediateForm,
        InstructionFlags flags) =>
        new(mnemonic, Encoding.Memory(op3), format, registerForm, immediateForm, flags);

    private static InstructionSpec Float(
        string mnemonic,
        uint op3,
        OperandFormat format,
        FloatWidth width,
        delegate*<Strand, ref Instruction, void> registerForm,
        delegate*<Strand, ref Instruction, void> immediateForm) =>
        new(mnemonic, Encoding.Memory(op3), format, registerForm, immediateForm, Address) { RdWidth = width };

    private static InstructionSpec Fsr(
        string mnemonic,
        Encoding encoding,
        delegate*<Strand, ref Instruction, void> registerForm,
        delegate*<Strand, ref Instruction, void> immediateForm) =>
        new(mnemonic, encoding, OperandFormat.LoadStoreFsr, registerForm, immediateForm, Address);
}
