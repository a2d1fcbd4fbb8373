using System.Runtime.CompilerServices;

namespace Niagara.Strands.State;

/// <summary>
/// The 32 integer registers visible in the current window and GL set, plus a sink that
/// instructions writing %g0 write into (the decoder redirects them), so %r0 stays zero without
/// a test on every write.
/// </summary>
[InlineArray(Length)]
public struct RegisterFile
{
    public const int Length = 33;

    private ulong _r0;
}
