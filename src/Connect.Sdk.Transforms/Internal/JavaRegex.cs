using System.Text;
using System.Text.RegularExpressions;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// A Java (<c>java.util.regex</c>) regular expression run on .NET's engine, for RegexRouter and TopicNameMatches:
/// <c>\Q…\E</c> quoting is translated, and groups are numbered in Java's order (named groups count with the unnamed
/// ones in order of appearance; .NET would number named groups last). <see cref="Matches"/> is Java's
/// <c>Matcher.matches()</c> (the whole input), <see cref="ReplaceFirst"/> is <c>Matcher.replaceFirst()</c> with Java's
/// replacement syntax (<c>$1</c>, <c>${name}</c>, <c>\$</c>).
/// </summary>
internal sealed class JavaRegex
{
    private readonly Regex _find;
    private readonly Regex _whole;
    private readonly Dictionary<string, int> _groupNames;

    private JavaRegex(string pattern, string translated, int groupCount, Dictionary<string, int> groupNames)
    {
        Pattern = pattern;
        GroupCount = groupCount;
        _groupNames = groupNames;
        _find = new Regex(translated, RegexOptions.CultureInvariant);
        _whole = new Regex(@"\A(?:" + translated + @")\z", RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public int GroupCount { get; }

    /// <summary>Compiles a Java regular expression.</summary>
    /// <exception cref="ArgumentException">The expression is not valid; the message says why.</exception>
    public static JavaRegex Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var translated = Translate(pattern, out var groupCount, out var groupNames);
        return new JavaRegex(pattern, translated, groupCount, groupNames);
    }

    /// <summary>Whether the whole input matches, as Java's <c>Matcher.matches()</c>.</summary>
    public bool Matches(string input) => _whole.IsMatch(input);

    /// <summary>Parses a Java replacement string against this expression's groups.</summary>
    /// <exception cref="ArgumentException">The replacement refers to a missing group or ends in an escape.</exception>
    public Replacement CompileReplacement(string replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var parts = new List<(string? Literal, int Group)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < replacement.Length)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                i++;
                if (i >= replacement.Length)
                {
                    throw new ArgumentException("character to be escaped is missing");
                }

                literal.Append(replacement[i]);
                i++;
            }
            else if (c == '$')
            {
                i++;
                if (i >= replacement.Length)
                {
                    throw new ArgumentException("Illegal group reference: group index is missing");
                }

                int group;
                if (replacement[i] == '{')
                {
                    i++;
                    var nameStart = i;
                    while (i < replacement.Length && char.IsAsciiLetterOrDigit(replacement[i]))
                    {
                        i++;
                    }

                    if (i == nameStart)
                    {
                        throw new ArgumentException("named capturing group has 0 length name");
                    }

                    if (i >= replacement.Length || replacement[i] != '}')
                    {
                        throw new ArgumentException("named capturing group is missing trailing '}'");
                    }

                    var name = replacement[nameStart..i];
                    i++;
                    if (!_groupNames.TryGetValue(name, out group))
                    {
                        throw new ArgumentException("No group with name {" + name + "}");
                    }
                }
                else
                {
                    if (!char.IsAsciiDigit(replacement[i]))
                    {
                        throw new ArgumentException("Illegal group reference");
                    }

                    group = replacement[i] - '0';
                    i++;
                    while (i < replacement.Length && char.IsAsciiDigit(replacement[i]))
                    {
                        var longer = (group * 10) + (replacement[i] - '0');
                        if (longer > GroupCount)
                        {
                            break;
                        }

                        group = longer;
                        i++;
                    }

                    if (group > GroupCount)
                    {
                        throw new ArgumentException("No group " + group);
                    }
                }

                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), 0));
                    literal.Clear();
                }

                parts.Add((null, group));
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), 0));
        }

        return new Replacement([.. parts]);
    }

    /// <summary>Replaces the first match, as Java's <c>Matcher.replaceFirst()</c>; the input when nothing matches.</summary>
    public string ReplaceFirst(string input, Replacement replacement)
    {
        var match = _find.Match(input);
        if (!match.Success)
        {
            return input;
        }

        var text = new StringBuilder(input.Length + 16);
        text.Append(input, 0, match.Index);
        foreach (var (literal, group) in replacement.Parts)
        {
            if (literal is not null)
            {
                text.Append(literal);
            }
            else if (match.Groups[group].Success)
            {
                text.Append(match.Groups[group].ValueSpan);
            }
        }

        text.Append(input, match.Index + match.Length, input.Length - match.Index - match.Length);
        return text.ToString();
    }

    private static string Translate(string pattern, out int groupCount, out Dictionary<string, int> groupNames)
    {
        groupCount = 0;
        groupNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var output = new StringBuilder(pattern.Length + 8);
        var inClass = 0;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                if (next == 'Q')
                {
                    var end = pattern.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
                    var quoted = end < 0 ? pattern[(i + 2)..] : pattern[(i + 2)..end];
                    output.Append(Regex.Escape(quoted));
                    i = end < 0 ? pattern.Length : end + 2;
                    continue;
                }

                if (next == 'k' && inClass == 0 && i + 2 < pattern.Length && pattern[i + 2] == '<')
                {
                    var close = pattern.IndexOf('>', i + 3);
                    if (close > 0 && groupNames.TryGetValue(pattern[(i + 3)..close], out var number))
                    {
                        output.Append(@"\k<").Append(number).Append('>');
                        i = close + 1;
                        continue;
                    }
                }

                output.Append(c).Append(next);
                i += 2;
                continue;
            }

            if (c == '[')
            {
                inClass++;
            }
            else if (c == ']' && inClass > 0)
            {
                inClass--;
            }
            else if (c == '(' && inClass == 0)
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                {
                    if (i + 3 < pattern.Length && pattern[i + 2] == '<' && char.IsAsciiLetter(pattern[i + 3]))
                    {
                        var close = pattern.IndexOf('>', i + 3);
                        if (close < 0)
                        {
                            throw new ArgumentException("named capturing group is missing trailing '>'");
                        }

                        var name = pattern[(i + 3)..close];
                        groupCount++;
                        if (!groupNames.TryAdd(name, groupCount))
                        {
                            throw new ArgumentException("Named capturing group <" + name + "> is already defined");
                        }

                        output.Append('(');
                        i = close + 1;
                        continue;
                    }
                }
                else
                {
                    groupCount++;
                }
            }

            output.Append(c);
            i++;
        }

        return output.ToString();
    }

    /// <summary>A parsed replacement: literal text and group references.</summary>
    internal sealed class Replacement
    {
        public Replacement((string? Literal, int Group)[] parts) => Parts = parts;

        public (string? Literal, int Group)[] Parts { get; }
    }
}
