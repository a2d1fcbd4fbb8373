using System.Globalization;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>One line of the driver's output: a sequence index and its value vector after the run.</summary>
public sealed record RegisterDump(int Index, IReadOnlyList<ulong> Values)
{
    /// <summary>
    /// Parses the driver's stdout into one dump per line, keyed by position; a line that is not
    /// "index hex*ValueCount" becomes null (reported as a difference, not thrown).
    /// </summary>
    public static List<RegisterDump?> ParseAll(string stdout)
    {
        var dumps = new List<RegisterDump?>();
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            dumps.Add(Parse(line));
        }

        return dumps;
    }

    public static RegisterDump? Parse(string line)
    {
        string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != SequenceRegisters.ValueCount + 1
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            return null;
        }

        var values = new ulong[SequenceRegisters.ValueCount];
        for (int k = 0; k < values.Length; k++)
        {
            if (fields[k + 1].Length != 16
                || !ulong.TryParse(fields[k + 1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out values[k]))
            {
                return null;
            }
        }

        return new RegisterDump(index, values);
    }

    public bool SameAs(RegisterDump? other)
    {
        if (other is null || other.Index != Index)
        {
            return false;
        }

        for (int k = 0; k < Values.Count; k++)
        {
            if (Values[k] != other.Values[k])
            {
                return false;
            }
        }

        return true;
    }
}
