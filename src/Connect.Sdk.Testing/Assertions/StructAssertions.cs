using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using static Connect.Sdk.Testing.Assertions.AssertionText;

namespace Connect.Sdk.Testing.Assertions;

/// <summary>FluentAssertions for <see cref="Struct"/>s: <c>value.Should().HaveField("id", 42).And.BeValid()</c>.</summary>
public class StructAssertions : ReferenceTypeAssertions<Struct?, StructAssertions>
{
    /// <summary>Creates assertions for a struct.</summary>
    /// <param name="subject">The struct.</param>
    public StructAssertions(Struct? subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "struct";

    /// <summary>Asserts that the struct's schema has a field; nested fields can be named with dots.</summary>
    /// <param name="name">The field name or dotted path.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<StructAssertions> HaveField(string name, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(name);
        var expectation = Raw($"to have field \"{name}\"");
        if (NotNull(expectation, because, becauseArgs))
        {
            var (found, _, problem) = FieldLookup.Find(Subject, name, "the struct");
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(found)
                .FailWith("Expected {context:struct} {0}{reason}, but {1}.", expectation, Raw(problem ?? string.Empty));
        }

        return new AndConstraint<StructAssertions>(this);
    }

    /// <summary>Asserts that the struct has a field with an expected value; nested fields can be named with dots.</summary>
    /// <param name="name">The field name or dotted path.</param>
    /// <param name="expected">The value; a struct can be given as an anonymous object or dictionary.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<StructAssertions> HaveField(string name, object? expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(name);
        var expectation = Raw($"to have field \"{name}\" equal to {DescribeText(expected)}");
        if (NotNull(expectation, because, becauseArgs))
        {
            var (found, actual, problem) = FieldLookup.Find(Subject, name, "the struct");
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(found)
                .FailWith("Expected {context:struct} {0}{reason}, but {1}.", expectation, Raw(problem ?? string.Empty))
                .Then
                .ForCondition(Matches(actual, expected))
                .FailWith("Expected {context:struct} {0}{reason}, but found {1}.", expectation, Describe(actual));
        }

        return new AndConstraint<StructAssertions>(this);
    }

    /// <summary>Asserts that the struct is valid for its schema: required fields are set and every value matches
    /// its field's schema, as the converters check before serializing.</summary>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<StructAssertions> BeValid(string because = "", params object[] becauseArgs)
    {
        if (NotNull(Raw("to be valid for its schema"), because, becauseArgs))
        {
            string? problem = null;
            try
            {
                Subject!.Validate();
            }
            catch (DataException e)
            {
                problem = e.Message;
            }

            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(problem is null)
                .FailWith("Expected {context:struct} to be valid for its schema{reason}, but validation failed: {0}", Raw(problem ?? string.Empty));
        }

        return new AndConstraint<StructAssertions>(this);
    }

    private bool NotNull(object expectation, string because, object[] becauseArgs) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected {context:struct} {0}{reason}, but the struct is <null>.", expectation);
}
