namespace Niagara.Hypervisor.Linux;

/// <summary>
/// The guest's source of "random" bytes (AT_RANDOM, getrandom): SplitMix64 from a seed, so a
/// run is reproducible byte for byte. Not for anything that needs real entropy.
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public void Fill(Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i += 8)
        {
            ulong v = NextUInt64();
            for (int b = 0; b < 8 && i + b < destination.Length; b++)
            {
                destination[i + b] = (byte)(v >> (8 * b));
            }
        }
    }
}
