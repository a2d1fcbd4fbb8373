namespace Niagara.Strands.State;

/// <summary>PSTATE bits (UA2005 table 5-12).</summary>
[Flags]
public enum Pstate : ushort
{
    None = 0,
    Ie = 1 << 1,
    Priv = 1 << 2,
    Am = 1 << 3,
    Pef = 1 << 4,
    Mm = 3 << 6,
    Tle = 1 << 8,
    Cle = 1 << 9,
    Tct = 1 << 12,
}
