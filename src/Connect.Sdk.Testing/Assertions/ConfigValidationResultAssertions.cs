using Connect.Sdk.Testing.Unit;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using static Connect.Sdk.Testing.Assertions.AssertionText;

namespace Connect.Sdk.Testing.Assertions;

/// <summary>FluentAssertions for a <see cref="ConfigValidationResult"/>:
/// <c>harness.Validate(config).Should().HaveErrorFor("topic", "Missing required configuration")</c>.</summary>
public class ConfigValidationResultAssertions : ReferenceTypeAssertions<ConfigValidationResult?, ConfigValidationResultAssertions>
{
    /// <summary>Creates assertions for a validation result.</summary>
    /// <param name="subject">The result.</param>
    public ConfigValidationResultAssertions(ConfigValidationResult? subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "validation result";

    /// <summary>Asserts that no key has an error.</summary>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConfigValidationResultAssertions> BeValid(string because = "", params object[] becauseArgs)
    {
        if (NotNull(Raw("to have no errors"), because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Subject!.IsValid)
                .FailWith("Expected the configuration to have no errors{reason}, but found:{0}", Raw(Environment.NewLine + Subject));
        }

        return new AndConstraint<ConfigValidationResultAssertions>(this);
    }

    /// <summary>Asserts that a key has an error, optionally one whose message contains a text.</summary>
    /// <param name="key">The key.</param>
    /// <param name="containing">Text the message must contain (case-insensitive), or <see langword="null"/>.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConfigValidationResultAssertions> HaveErrorFor(string key, string? containing = null, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(key);
        var expectation = Raw(containing is null ? $"an error for \"{key}\"" : $"an error for \"{key}\" containing \"{containing}\"");
        if (NotNull(expectation, because, becauseArgs))
        {
            var errors = Subject!.ErrorsFor(key);
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Subject.HasErrorFor(key, containing))
                .FailWith(
                    "Expected {0}{reason}, but {1}.",
                    expectation,
                    Raw(errors.Count == 0
                        ? $"\"{key}\" has no error (errors: {(Subject.IsValid ? "none" : Subject.ToString().Replace(Environment.NewLine, "; ", StringComparison.Ordinal))})"
                        : $"its errors are: {string.Join("; ", errors)}"));
        }

        return new AndConstraint<ConfigValidationResultAssertions>(this);
    }

    /// <summary>Asserts that a key has no error.</summary>
    /// <param name="key">The key.</param>
    /// <param name="because">Why the assertion is needed, with placeholders for <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain more assertions.</returns>
    public AndConstraint<ConfigValidationResultAssertions> NotHaveErrorFor(string key, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (NotNull(Raw($"no error for \"{key}\""), because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(!Subject!.ContainsKey(key))
                .FailWith("Expected no error for {0}{reason}, but found: {1}.", Raw($"\"{key}\""), Raw(string.Join("; ", Subject.ErrorsFor(key))));
        }

        return new AndConstraint<ConfigValidationResultAssertions>(this);
    }

    private bool NotNull(object expectation, string because, object[] becauseArgs) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected {0}{reason}, but the validation result is <null>.", expectation);
}
