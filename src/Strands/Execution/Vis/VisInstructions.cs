using Niagara.Strands.Isa;

namespace Niagara.Strands.Execution.Vis;

public static unsafe class VisInstructions
{
    public static List<InstructionSpec> Specs()
    {
        var specs = new List<InstructionSpec>();
        return specs;
    }
}
