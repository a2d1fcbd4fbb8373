using Niagara.Strands.Isa;

namespace Niagara.Strands.Execution.Float;

public static unsafe class FloatingPointInstructions
{
    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();
        return specs;
    }
}
