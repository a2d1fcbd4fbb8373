using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Niagara.Memory;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// The width and extension of an integer load. Handlers are generic over it, so one handler
/// body serves LDSB ... LDX and the JIT emits a specialised copy of each (STYLE.md: no
/// handlers that differ in one width).
/// </summary>
public interface ILoadKind
{
    /// <summary>Address bits that must be zero (size - 1).</summary>
    static abstract ulong AlignMask { get; }

    /// <summary>Reads the big-endian value, zero-extended.</summary>
    static abstract ulong Read(PageCache memory, ulong address);

    /// <summary>Reverses the bytes of a raw value of this width (little-endian ASIs).</summary>
    static abstract ulong Swap(ulong raw);

    /// <summary>Sign- or zero-extends a raw value to 64 bits.</summary>
    static abstract ulong Extend(ulong raw);
}

/// <summary>The width of an integer store.</summary>
public interface IStoreKind
{
    static abstract ulong AlignMask { get; }

    /// <summary>Writes the low bytes of <paramref name="value"/> big-endian.</summary>
    static abstract void Write(PageCache memory, ulong address, ulong value);

    static abstract ulong Swap(ulong value);
}

public struct UnsignedByte : ILoadKind, IStoreKind
{
    public static ulong AlignMask => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(PageCache memory, ulong address) => memory.ReadU8(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(PageCache memory, ulong address, ulong value) => memory.WriteU8(address, (byte)value);

    public static ulong Swap(ulong raw) => raw;

    public static ulong Extend(ulong raw) => (byte)raw;
}

public struct SignedByte : ILoadKind
{
    public static ulong AlignMask => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(PageCache memory, ulong address) => memory.ReadU8(address);

    public static ulong Swap(ulong raw) => raw;

    public static ulong Extend(ulong raw) => (ulong)(long)(sbyte)raw;
}

public struct UnsignedHalfword : ILoadKind, IStoreKind
{
    public static ulong AlignMask => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(PageCache memory, ulong address) => memory.ReadU16(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(PageCache memory, ulong address, ulong value) => memory.WriteU16(address, (ushort)value);

    public static ulong Swap(ulong raw) => BinaryPrimitives.ReverseEndianness((ushort)raw);

    public static ulong Extend(ulong raw) => (ushort)raw;
}

public struct SignedHalfword : ILoadKind
{
    public static ulong AlignMask => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(PageCache memory, ulong address) => memory.ReadU16(address);

    public static ulong Swap(ulong raw) => BinaryPrimitives.ReverseEndianness((ushort)raw);

    public static ulong Extend(ulong raw) => (ulong)(long)(short)raw;
}

public struct UnsignedWord : ILoadKind, IStoreKind
{
    public static ulong AlignMask => 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(PageCache memory, ulong address) => memory.ReadU32(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(PageCache memory, ulong address, ulong value) => memory.WriteU32(address, (uint)value);

    public static ulong Swap(ulong raw) => BinaryPrimitives.ReverseEndianness((uint)raw);

    public static ulong Extend(ulong raw) => (uint)raw;
}

public struct SignedWord : ILoadKind
{
    public static ulong AlignMask => 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(PageCache memory, ulong address) => memory.ReadU32(address);

    public static ulong Swap(ulong raw) => BinaryPrimitives.ReverseEndianness((uint)raw);

    public static ulong Extend(ulong raw) => (ulong)(long)(int)raw;
}

/// <summary>64 bits (LDX/STX).</summary>
public struct ExtendedWord : ILoadKind, IStoreKind
{
    public static ulong AlignMask => 7;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(PageCache memory, ulong address) => memory.ReadU64(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(PageCache memory, ulong address, ulong value) => memory.WriteU64(address, value);

    public static ulong Swap(ulong raw) => BinaryPrimitives.ReverseEndianness(raw);

    public static ulong Extend(ulong raw) => raw;
}
