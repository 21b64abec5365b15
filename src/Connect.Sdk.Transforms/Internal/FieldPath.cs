using System.Collections;
using System.Text;
using Connect.Sdk.Config;
using Connect.Sdk.Data;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>The syntax of field paths (<c>field.syntax.version</c>, KIP-821).</summary>
internal enum FieldSyntaxVersion
{
    /// <summary>A path is one field name at the root of the struct or map.</summary>
    V1,

    /// <summary>Dotted paths reach nested fields; backticks wrap names that contain dots.</summary>
    V2,
}

/// <summary>
/// A path to a field, possibly nested, in a struct or schemaless map, as Kafka's <c>SingleFieldPath</c> reads it.
/// With <see cref="FieldSyntaxVersion.V2"/>, <c>a.b.c</c> reaches field <c>c</c> of struct <c>b</c> of struct <c>a</c>;
/// <c>`a.b`.c</c> reaches field <c>c</c> of a field named <c>a.b</c>; a backslash before a closing backtick keeps it in
/// the name (<c>`a\`.b`</c>); a trailing dot adds an empty name.
/// </summary>
internal sealed class FieldPath
{
    public const string SyntaxVersionConfig = "field.syntax.version";

    public const string SyntaxVersionDoc =
        "Defines the version of the syntax to access fields. If set to `V1`, then the field paths are limited to access the "
        + "elements at the root level of the struct or map. If set to `V2`, the syntax will support accessing nested elements. "
        + "To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick "
        + "pairs can be used to wrap field names containing dots. E.g. to access the subfield `baz` from a field named "
        + "\"foo.bar\" in a struct/map the following format can be used to access its elements: \"`foo.bar`.baz\".";

    private readonly string[] _steps;

    public FieldPath(string path, FieldSyntaxVersion version)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _steps = version == FieldSyntaxVersion.V1 ? [path] : ParseV2(path);
    }

    public string Path { get; }

    public IReadOnlyList<string> Steps => _steps;

    /// <summary>Adds <c>field.syntax.version</c> (V1 or V2, default V1) to a definition.</summary>
    public static ConfigDef DefineSyntaxVersion(ConfigDef definition) =>
        definition.Define(
            SyntaxVersionConfig,
            ConfigType.String,
            nameof(FieldSyntaxVersion.V1),
            CaseInsensitiveValidString.In(nameof(FieldSyntaxVersion.V1), nameof(FieldSyntaxVersion.V2)),
            Importance.High,
            SyntaxVersionDoc);

    /// <summary>The syntax version configured in <c>field.syntax.version</c>.</summary>
    public static FieldSyntaxVersion SyntaxVersion(AbstractConfig config)
    {
        var text = config.GetString(SyntaxVersionConfig);
        return Enum.TryParse<FieldSyntaxVersion>(text, ignoreCase: true, out var version) && Enum.IsDefined(version)
            ? version
            : throw new ConfigException(SyntaxVersionConfig, text, "Unrecognized field syntax version");
    }

    /// <summary>The field at this path in a struct schema, or <see langword="null"/> when there is none.</summary>
    public Field? FieldFrom(Schema? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var current = schema;
        for (var i = 0; i < _steps.Length - 1; i++)
        {
            var field = current.FindField(_steps[i]);
            if (field is null)
            {
                return null;
            }

            current = field.Schema;
        }

        return current.FindField(_steps[^1]);
    }

    /// <summary>The value at this path in a struct, or <see langword="null"/> when a step is missing or null.</summary>
    public object? ValueFrom(Struct? value, bool withDefault)
    {
        var current = value;
        if (current is null)
        {
            return null;
        }

        for (var i = 0; i < _steps.Length - 1; i++)
        {
            var field = current.Schema.FindField(_steps[i]);
            if (field is null)
            {
                return null;
            }

            current = Requirements.RequireStructOrNull(withDefault ? current.Get(field) : current.GetWithoutDefault(field.Name), "nested field access");
            if (current is null)
            {
                return null;
            }
        }

        var last = current.Schema.FindField(_steps[^1]);
        if (last is null)
        {
            return null;
        }

        return withDefault ? current.Get(last) : current.GetWithoutDefault(last.Name);
    }

    /// <summary>The value at this path in a schemaless map, or <see langword="null"/>.</summary>
    public object? ValueFrom(IDictionary? map)
    {
        var current = map;
        if (current is null)
        {
            return null;
        }

        for (var i = 0; i < _steps.Length - 1; i++)
        {
            current = Requirements.RequireMapOrNull(Requirements.Get(current, _steps[i]), "nested field access");
            if (current is null)
            {
                return null;
            }
        }

        return Requirements.Get(current, _steps[^1]);
    }

    /// <inheritdoc />
    public override string ToString() => Path;

    private static string[] ParseV2(string path)
    {
        var steps = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] != '`')
            {
                var dot = path.IndexOf('.', i);
                if (dot < 0)
                {
                    steps.Add(path[i..]);
                    break;
                }

                steps.Add(path[i..dot]);
                i = dot + 1;
                continue;
            }

            i = ReadQuotedStep(path, i, steps);
        }

        if (path.Length == 0 || path[^1] == '.')
        {
            steps.Add(string.Empty);
        }

        return [.. steps];
    }

    /// <summary>Reads a backtick-quoted step starting at <paramref name="open"/>; returns where the next step starts.</summary>
    private static int ReadQuotedStep(string path, int open, List<string> steps)
    {
        var name = new StringBuilder();
        var segmentStart = open + 1;
        var searchFrom = open + 1;
        while (true)
        {
            var tick = path.IndexOf('`', searchFrom);
            if (tick < 0)
            {
                throw IncompleteBacktickPair(path, open);
            }

            var escaped = path[tick - 1] == '\\' && tick - 1 > open;
            if (tick == path.Length - 1)
            {
                if (escaped)
                {
                    throw IncompleteBacktickPair(path, open);
                }

                steps.Add(name.Append(path, segmentStart, tick - segmentStart).ToString());
                return path.Length;
            }

            if (path[tick + 1] != '.')
            {
                // A backtick inside the name: keep looking for one that ends the step.
                searchFrom = tick + 1;
                continue;
            }

            if (escaped)
            {
                name.Append(path, segmentStart, tick - 1 - segmentStart).Append('`');
                segmentStart = tick + 1;
                searchFrom = tick + 1;
                continue;
            }

            steps.Add(name.Append(path, segmentStart, tick - segmentStart).ToString());
            return tick + 2;
        }
    }

    private static ConfigException IncompleteBacktickPair(string path, int at) =>
        new($"Incomplete backtick pair in path: [{path}], consider adding a backslash before backtick at position {at} to escape it");
}
