using Niagara.Strands.Isa;

namespace Niagara.Strands.Execution.Memory;

public static unsafe class LoadStoreInstructions
{
    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();
        return specs;
    }
}
