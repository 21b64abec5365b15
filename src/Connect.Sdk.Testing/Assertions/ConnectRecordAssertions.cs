using System.Collections;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using static Connect.Sdk.Testing.Assertions.AssertionText;

namespace Connect.Sdk.Testing.Assertions;

/// <summary>
/// FluentAssertions for <see cref="ConnectRecord"/>s (source and sink records):
/// <c>record.Should().HaveTopic("orders").And.HaveValueField("id", 42)</c>. Values are compared as Connect values
/// (bytes by content, structs field by field) and must have the same .NET type: <c>42</c> does not match <c>42L</c>.
/// Where a struct is expected, an anonymous object or dictionary can be given instead.
/// </summary>
public class ConnectRecordAssertions : ReferenceTypeAssertions<ConnectRecord?, ConnectRecordAssertions>
{
    /// <summary>Creates assertions for a record.</summary>
    /// <param name="subject">The record.</param>
    public ConnectRecordAssertions(ConnectRecord? subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "record";

    /// <summary>Asserts the record's topic.</summary>
    /// <param name="expected">The topic.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConnectRecordAssertions> HaveTopic(string expected, string because = "", params object[] becauseArgs)
    {
        if (NotNull("to have topic", Describe(expected), because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Subject!.Topic == expected)
                .FailWith("Expected {context:record} to have topic {0}{reason}, but found {1}.", Describe(expected), Describe(Subject.Topic));
        }

        return new AndConstraint<ConnectRecordAssertions>(this);
    }

    /// <summary>Asserts the record's key.</summary>
    /// <param name="expected">The key; a struct key can be given as an anonymous object or dictionary.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConnectRecordAssertions> HaveKey(object? expected, string because = "", params object[] becauseArgs)
    {
        if (NotNull("to have key", Describe(expected), because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Matches(Subject!.Key, expected))
                .FailWith("Expected {context:record} to have key {0}{reason}, but found {1}.", Describe(expected), Describe(Subject.Key));
        }

        return new AndConstraint<ConnectRecordAssertions>(this);
    }

    /// <summary>Asserts the record's value.</summary>
    /// <param name="expected">The value; a struct value can be given as an anonymous object or dictionary.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConnectRecordAssertions> HaveValue(object? expected, string because = "", params object[] becauseArgs)
    {
        if (NotNull("to have value", Describe(expected), because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Matches(Subject!.Value, expected))
                .FailWith("Expected {context:record} to have value {0}{reason}, but found {1}.", Describe(expected), Describe(Subject.Value));
        }

        return new AndConstraint<ConnectRecordAssertions>(this);
    }

    /// <summary>Asserts that the record's value is a struct (or a schemaless map) with a field of an expected value.
    /// Nested fields can be named with dots: <c>"address.city"</c>.</summary>
    /// <param name="name">The field name or dotted path.</param>
    /// <param name="expected">The field's value.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConnectRecordAssertions> HaveValueField(string name, object? expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(name);
        var expectation = Raw($"to have value field \"{name}\" equal to {DescribeText(expected)}");
        if (NotNull(expectation, because, becauseArgs))
        {
            var (found, actual, problem) = FieldLookup.Find(Subject!.Value, name, "value");
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(found)
                .FailWith("Expected {context:record} {0}{reason}, but {1}.", expectation, Raw(problem ?? string.Empty))
                .Then
                .ForCondition(Matches(actual, expected))
                .FailWith("Expected {context:record} {0}{reason}, but found {1}.", expectation, Describe(actual));
        }

        return new AndConstraint<ConnectRecordAssertions>(this);
    }

    /// <summary>Asserts the name of the record's value schema.</summary>
    /// <param name="expected">The schema name.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConnectRecordAssertions> HaveValueSchemaNamed(string expected, string because = "", params object[] becauseArgs)
    {
        if (NotNull("to have a value schema named", Describe(expected), because, becauseArgs))
        {
            var schema = Subject!.ValueSchema;
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(schema is not null)
                .FailWith("Expected {context:record} to have a value schema named {0}{reason}, but the value has no schema.", Describe(expected))
                .Then
                .ForCondition(schema?.Name == expected)
                .FailWith("Expected {context:record} to have a value schema named {0}{reason}, but found {1}.", Describe(expected), Raw(schema?.Name is null ? $"an unnamed {schema?.Type} schema" : DescribeText(schema.Name)));
        }

        return new AndConstraint<ConnectRecordAssertions>(this);
    }

    /// <summary>Asserts that the record has a header with a key, and when <paramref name="expected"/> is given, that
    /// the last header with that key has that value.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="expected">The value of the last header with the key, or <see langword="null"/> not to check it.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConnectRecordAssertions> HaveHeader(string key, object? expected = null, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(key);
        var expectation = Raw(expected is null ? $"to have header \"{key}\"" : $"to have header \"{key}\" with value {DescribeText(expected)}");
        if (NotNull(expectation, because, becauseArgs))
        {
            var header = Subject!.Headers.LastWithName(key);
            var keys = Subject.Headers.Select(h => $"\"{h.Key}\"").Distinct().ToList();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(header is not null)
                .FailWith("Expected {context:record} {0}{reason}, but {1}.", expectation, Raw(keys.Count == 0 ? "it has no headers" : $"its headers are {string.Join(", ", keys)}"))
                .Then
                .ForCondition(expected is null || Matches(header?.Value, expected))
                .FailWith("Expected {context:record} {0}{reason}, but found {1}.", expectation, Describe(header?.Value));
        }

        return new AndConstraint<ConnectRecordAssertions>(this);
    }

    /// <summary>Asserts that the record is a tombstone: its value is <see langword="null"/>.</summary>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConnectRecordAssertions> BeTombstone(string because = "", params object[] becauseArgs)
    {
        if (NotNull(Raw("to be a tombstone"), because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Subject!.Value is null)
                .FailWith("Expected {context:record} to be a tombstone (a null value){reason}, but its value is {0}.", Describe(Subject.Value));
        }

        return new AndConstraint<ConnectRecordAssertions>(this);
    }

    private bool NotNull(string what, object expected, string because, object[] becauseArgs) =>
        NotNull(Raw($"{what} {expected}"), because, becauseArgs);

    private bool NotNull(object expectation, string because, object[] becauseArgs) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected {context:record} {0}{reason}, but the record is <null>.", expectation);
}

/// <summary>Finds a field by name or dotted path in a struct or a schemaless map.</summary>
internal static class FieldLookup
{
    /// <summary>Finds a field; when it is missing, <c>Problem</c> says why, for a failure message.</summary>
    public static (bool Found, object? Value, string? Problem) Find(object? container, string path, string what)
    {
        if (Lookup(container, path, out var direct, out _))
        {
            return (true, direct, null);
        }

        var current = container;
        var walked = what;
        foreach (var part in path.Split('.'))
        {
            if (!Lookup(current, part, out var next, out var problem))
            {
                return (false, null, $"{walked} {problem}");
            }

            current = next;
            walked = $"field \"{part}\"";
        }

        return (true, current, null);
    }

    private static bool Lookup(object? container, string name, out object? value, out string problem)
    {
        value = null;
        switch (container)
        {
            case null:
                problem = "is <null>";
                return false;
            case Struct s:
                if (s.Schema.FindField(name) is { } field)
                {
                    value = s.Get(field);
                    problem = string.Empty;
                    return true;
                }

                problem = $"has no field \"{name}\"; its fields are {string.Join(", ", s.Schema.Fields.Select(f => $"\"{f.Name}\""))}";
                return false;
            case IDictionary map:
                if (map.Contains(name))
                {
                    value = map[name];
                    problem = string.Empty;
                    return true;
                }

                problem = $"has no entry \"{name}\"; its keys are {string.Join(", ", map.Keys.Cast<object>().Select(k => $"\"{k}\""))}";
                return false;
            default:
                problem = $"is a {container.GetType().Name} ({container}), not a struct or map";
                return false;
        }
    }
}
