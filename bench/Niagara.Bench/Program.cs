using BenchmarkDotNet.Running;

namespace Niagara.Bench;

/// <summary>Entry point: `dotnet run -c Release --project bench/Niagara.Bench -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
