using System.Globalization;
using System.Text;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Configuration;

/// <summary>
/// Reads Java <c>.properties</c> files, the format of Kafka Connect's worker and connector files: <c>key=value</c>,
/// <c>key: value</c> or <c>key value</c>, <c>#</c>/<c>!</c> comments, backslash line continuations and escapes
/// (<c>\t</c>, <c>\n</c>, <c>\uXXXX</c>, <c>\=</c>, <c>\:</c>).
/// </summary>
public static class PropertiesFile
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The properties in file order; later duplicates win.</returns>
    /// <exception cref="ConnectException">The file does not exist or is malformed; the message names the file and line.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ConnectException($"The properties file {path} does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses properties text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <returns>The properties.</returns>
    /// <exception cref="ConnectException">A line is malformed.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text, string source = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var firstLine = i + 1;
            var logical = lines[i].TrimStart(' ', '\t', '\f');
            if (logical.Length == 0 || logical[0] is '#' or '!')
            {
                continue;
            }

            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical = logical[..^1] + lines[++i].TrimStart(' ', '\t', '\f');
            }

            var (key, value) = SplitKeyValue(logical);
            if (key.Length == 0)
            {
                throw new ConnectException($"{source}, line {firstLine}: a property has an empty key. Lines must look like key=value.");
            }

            result[Unescape(key, source, firstLine)] = Unescape(value, source, firstLine);
        }

        return result;
    }

    private static bool EndsWithContinuation(string line)
    {
        var backslashes = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static (string Key, string Value) SplitKeyValue(string line)
    {
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }

            i++;
        }

        var key = line[..Math.Min(i, line.Length)];
        var rest = i < line.Length ? line[i..] : string.Empty;
        rest = rest.TrimStart(' ', '\t', '\f');
        if (rest.Length > 0 && rest[0] is '=' or ':')
        {
            rest = rest[1..].TrimStart(' ', '\t', '\f');
        }

        return (key, rest);
    }

    private static string Unescape(string text, string source, int line)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                builder.Append(c);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    if (text.Length - i - 1 < 4
                        || !int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new ConnectException($"{source}, line {line}: malformed \\uXXXX escape in \"{text}\".");
                    }

                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(next); break;
            }
        }

        return builder.ToString();
    }
}
