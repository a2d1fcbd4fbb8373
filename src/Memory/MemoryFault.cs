namespace Niagara.Memory;

public enum MemoryAccessKind
{
    Read,
    Write,
    Execute,
}

/// <summary>
/// Thrown by the slow path of a memory access when the address is not mapped with the needed
/// rights. The strand turns it into a data or instruction access trap; it never escapes a run.
/// </summary>
public sealed class MemoryFaultException : Exception
{
    public MemoryFaultException(ulong address, MemoryAccessKind kind)
        : base($"{kind} fault at 0x{address:x}")
    {
        Address = address;
        Kind = kind;
    }

    public MemoryFaultException()
    {
    }

    public MemoryFaultException(string message)
        : base(message)
    {
    }

    public MemoryFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ulong Address { get; }

    public MemoryAccessKind Kind { get; }
}
