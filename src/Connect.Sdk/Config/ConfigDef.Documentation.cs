using System.Globalization;
using System.Text;

namespace Connect.Sdk.Config;

public sealed partial class ConfigDef
{
    private static readonly string[] DocumentationHeaders = ["Name", "Description", "Type", "Default", "Valid Values", "Importance"];

    /// <summary>
    /// Generates a Markdown reference table with the columns Name, Description, Type, Default, Valid Values and
    /// Importance, one row per key in documentation order (see <see cref="ToRst"/>).
    /// </summary>
    /// <returns>The table, each line ending with <c>\n</c>.</returns>
    /// <remarks>
    /// A required key has an empty Default cell, an empty-string default is shown as <c>""</c>, a password default
    /// as <c>[hidden]</c>; numeric defaults of keys ending in <c>.ms</c> or <c>.bytes</c> get a readable suffix such as
    /// <c>60000 (1 minute)</c>. Pipes and line breaks in cells are escaped.
    /// </remarks>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", DocumentationHeaders).Append(" |\n");
        text.Append('|').Append(string.Concat(Enumerable.Repeat("---|", DocumentationHeaders.Length))).Append('\n');
        foreach (ConfigKey key in SortedConfigKeys())
        {
            text.Append("| `").Append(EscapeMarkdown(key.Name)).Append('`');
            text.Append(" | ").Append(EscapeMarkdown(key.Documentation ?? string.Empty));
            text.Append(" | ").Append(KafkaText.LowerName(key.Type));
            text.Append(" | ").Append(EscapeMarkdown(DefaultText(key)));
            text.Append(" | ").Append(EscapeMarkdown(key.Validator?.ToString() ?? string.Empty));
            text.Append(" | ").Append(KafkaText.LowerName(key.Importance));
            text.Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Generates reStructuredText reference documentation in Kafka's format, suitable for Sphinx.
    /// </summary>
    /// <returns>One section per key.</returns>
    /// <remarks>
    /// Keys are in Kafka's documentation order: ungrouped keys first, then by group (in the order groups were first
    /// used) and order in group, then required keys before optional ones, then by importance, then by name. Keys
    /// without groups are therefore listed required first, then high to low importance, then alphabetically.
    /// </remarks>
    public string ToRst()
    {
        var text = new StringBuilder();
        foreach (ConfigKey key in SortedConfigKeys())
        {
            AppendRst(text, key);
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Generates reStructuredText reference documentation with a heading per group and each key's dependents, in
    /// Kafka's format; keys are ordered as by <see cref="ToRst"/>.
    /// </summary>
    /// <returns>The sections.</returns>
    public string ToEnrichedRst()
    {
        var text = new StringBuilder();
        string lastGroup = string.Empty;
        foreach (ConfigKey key in SortedConfigKeys())
        {
            if (key.Group is not null)
            {
                if (!string.Equals(lastGroup, key.Group, StringComparison.OrdinalIgnoreCase))
                {
                    text.Append(key.Group).Append('\n');
                    text.Append('^', key.Group.Length).Append("\n\n");
                }

                lastGroup = key.Group;
            }

            AppendRst(text, key);
            if (key.Dependents.Count > 0)
            {
                text.Append("  * Dependents: ").AppendJoin(", ", key.Dependents.Select(d => "``" + d + "``")).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    internal List<ConfigKey> SortedConfigKeys()
    {
        var groupOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _groups.Count; i++)
        {
            groupOrder[_groups[i]] = i;
        }

        var keys = _configKeys.Values.ToList();
        keys.Sort((left, right) => CompareForDocumentation(left, right, groupOrder));
        return keys;
    }

    internal static string DefaultText(ConfigKey key)
    {
        if (!key.HasDefault)
        {
            return string.Empty;
        }

        if (key.DefaultValue is null)
        {
            return "null";
        }

        string text = ConvertToString(key.DefaultValue, key.Type)!;
        if (text.Length == 0)
        {
            return "\"\"";
        }

        if (key.DefaultValue is long or int or short)
        {
            long number = Convert.ToInt64(key.DefaultValue, CultureInfo.InvariantCulture);
            if (key.Name.EndsWith(".bytes", StringComparison.Ordinal))
            {
                return text + ReadableBytes(number);
            }

            if (key.Name.EndsWith(".ms", StringComparison.Ordinal))
            {
                return text + ReadableMilliseconds(number);
            }
        }

        return text;
    }

    /// <summary>Describes a byte count that is a whole number of kibibytes or more, e.g. <c> (1 mebibyte)</c>.</summary>
    internal static string ReadableBytes(long bytes)
    {
        string[] units = ["kibibyte", "mebibyte", "gibibyte", "tebibyte"];
        long value = bytes;
        int steps = 0;
        while (value != 0 && steps < units.Length && value % 1024 == 0)
        {
            value /= 1024;
            steps++;
        }

        return steps == 0 ? string.Empty : Readable(value, units[steps - 1], plural: value != 1);
    }

    /// <summary>Describes a duration that is a whole number of seconds or more, e.g. <c> (7 days)</c>.</summary>
    internal static string ReadableMilliseconds(long milliseconds)
    {
        long[] divisors = [1000, 60, 60, 24];
        string[] units = ["second", "minute", "hour", "day"];
        long value = milliseconds;
        int steps = 0;
        while (value != 0 && steps < divisors.Length && value % divisors[steps] == 0)
        {
            value /= divisors[steps];
            steps++;
        }

        return steps == 0 ? string.Empty : Readable(value, units[steps - 1], plural: value > 1);
    }

    private static string Readable(long value, string unit, bool plural) =>
        " (" + value.ToString(CultureInfo.InvariantCulture) + " " + unit + (plural ? "s)" : ")");

    private static int CompareForDocumentation(ConfigKey left, ConfigKey right, Dictionary<string, int> groupOrder)
    {
        int comparison = (left.Group, right.Group) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => groupOrder[left.Group].CompareTo(groupOrder[right.Group]),
        };
        if (comparison != 0)
        {
            return comparison;
        }

        comparison = left.OrderInGroup.CompareTo(right.OrderInGroup);
        if (comparison != 0)
        {
            return comparison;
        }

        if (left.HasDefault != right.HasDefault)
        {
            return left.HasDefault ? 1 : -1;
        }

        comparison = left.Importance.CompareTo(right.Importance);
        return comparison != 0 ? comparison : string.CompareOrdinal(left.Name, right.Name);
    }

    private static void AppendRst(StringBuilder text, ConfigKey key)
    {
        text.Append("``").Append(key.Name).Append("``\n");
        if (key.Documentation is not null)
        {
            foreach (string line in key.Documentation.Split('\n'))
            {
                if (line.Length > 0)
                {
                    text.Append("  ").Append(line).Append("\n\n");
                }
            }
        }
        else
        {
            text.Append('\n');
        }

        text.Append("  * Type: ").Append(KafkaText.LowerName(key.Type)).Append('\n');
        if (key.HasDefault)
        {
            text.Append("  * Default: ").Append(DefaultText(key)).Append('\n');
        }

        if (key.Validator is not null)
        {
            text.Append("  * Valid Values: ").Append(key.Validator).Append('\n');
        }

        text.Append("  * Importance: ").Append(KafkaText.LowerName(key.Importance)).Append('\n');
    }

    private static string EscapeMarkdown(string cell) =>
        cell.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);
}
