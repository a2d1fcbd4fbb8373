using System.Text;

namespace Niagara.Process;

/// <summary>
/// The environment the guest starts with: the host's, in the host's order (read from
/// /proc/self/environ, the block niagara itself was started with, as qemu-user passes its own),
/// then --clear-env, --unset-env and --env applied.
/// </summary>
public static class GuestEnvironment
{
    /// <summary>The guest's NAME=VALUE strings, or null after reporting a malformed --env.</summary>
    public static List<string>? Build(bool clear, IReadOnlyList<string> set, IReadOnlyList<string> unset)
    {
        List<string> environment = clear ? [] : Host();
        foreach (string name in unset)
        {
            environment.RemoveAll(e => NameOf(e) == name);
        }

        foreach (string assignment in set)
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Console.Error.WriteLine($"niagara: --env: '{assignment}' is not NAME=VALUE");
                return null;
            }

            string name = assignment[..equals];
            int existing = environment.FindIndex(e => NameOf(e) == name);
            if (existing >= 0)
            {
                environment[existing] = assignment;
            }
            else
            {
                environment.Add(assignment);
            }
        }

        return environment;
    }

    private static List<string> Host()
    {
        try
        {
            byte[] block = File.ReadAllBytes("/proc/self/environ");
            var list = new List<string>();
            int start = 0;
            for (int i = 0; i < block.Length; i++)
            {
                if (block[i] == 0)
                {
                    if (i > start)
                    {
                        list.Add(Encoding.UTF8.GetString(block, start, i - start));
                    }

                    start = i + 1;
                }
            }

            return list;
        }
        catch (IOException)
        {
            var list = new List<string>();
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            {
                list.Add($"{e.Key}={e.Value}");
            }

            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    private static string NameOf(string assignment)
    {
        int equals = assignment.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? assignment : assignment[..equals];
    }
}
