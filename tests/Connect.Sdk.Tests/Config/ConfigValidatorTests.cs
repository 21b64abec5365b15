using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class ConfigValidatorTests
{
    private static string Rejection(IConfigValidator validator, object? value, string name = "x")
    {
        Action check = () => validator.EnsureValid(name, value);
        return check.Should().Throw<ConfigException>().Which.Message;
    }

    [Fact]
    public void RangeAtLeast_BelowMinimum_ThrowsWithKafkaMessage() =>
        Rejection(RangeValidator.AtLeast(1), 0, "tasks.max")
            .Should().Be("Invalid value 0 for configuration tasks.max: Value must be at least 1");

    [Fact]
    public void RangeBetween_AboveMaximum_ThrowsWithKafkaMessage() =>
        Rejection(RangeValidator.Between(1, 10), 11L)
            .Should().Be("Invalid value 11 for configuration x: Value must be no more than 10");

    [Fact]
    public void Range_NullValue_ThrowsWithKafkaMessage() =>
        Rejection(RangeValidator.AtLeast(0), null)
            .Should().Be("Invalid value null for configuration x: Value must be non-null");

    [Fact]
    public void Range_NonNumber_Throws() =>
        Rejection(RangeValidator.AtLeast(0), "5")
            .Should().Be("Invalid value 5 for configuration x: Value must be a number");

    [Fact]
    public void RangeOfDoubles_PrintsBoundsAndValuesAsKafkaDoes()
    {
        Rejection(RangeValidator.Between(0.0, 1.0), 1.5)
            .Should().Be("Invalid value 1.5 for configuration x: Value must be no more than 1.0");
        RangeValidator.Between(0.0, 1.0).ToString().Should().Be("[0.0,...,1.0]");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public void RangeBetween_InclusiveBounds_Accepts(int value)
    {
        Action check = () => RangeValidator.Between(1, 10).EnsureValid("x", value);
        check.Should().NotThrow();
    }

    [Fact]
    public void Range_ComparesLargeLongsExactly()
    {
        Action check = () => RangeValidator.AtLeast(long.MaxValue).EnsureValid("x", long.MaxValue - 1);
        check.Should().Throw<ConfigException>();
    }

    [Fact]
    public void Range_ComparesShortsAndDoublesAgainstIntegerBounds()
    {
        Action shortValue = () => RangeValidator.AtLeast(1).EnsureValid("x", (short)0);
        Action doubleValue = () => RangeValidator.AtLeast(1).EnsureValid("x", 0.5);
        shortValue.Should().Throw<ConfigException>();
        doubleValue.Should().Throw<ConfigException>().WithMessage("Invalid value 0.5 for configuration x: Value must be at least 1");
    }

    [Fact]
    public void Range_DescribesBoundsAsKafkaDoes()
    {
        RangeValidator.AtLeast(1).ToString().Should().Be("[1,...]");
        RangeValidator.Between(1, 10).ToString().Should().Be("[1,...,10]");
    }

    [Fact]
    public void ValidString_UnknownValue_ThrowsWithKafkaMessage()
    {
        Rejection(ValidString.In("a", "b"), "c").Should().Be("Invalid value c for configuration x: String must be one of: a, b");
        Rejection(ValidString.In("a", "b"), "A").Should().Be("Invalid value A for configuration x: String must be one of: a, b");
        Rejection(ValidString.In("a", "b"), null).Should().Be("Invalid value null for configuration x: String must be one of: a, b");
    }

    [Fact]
    public void ValidString_KnownValue_Accepts()
    {
        Action check = () => ValidString.In("a", "b").EnsureValid("x", "b");
        check.Should().NotThrow();
        ValidString.In("a", "b").ToString().Should().Be("[a, b]");
        ValidString.In("a", "b").ValidStrings.Should().Equal("a", "b");
    }

    [Fact]
    public void CaseInsensitiveValidString_IgnoresCase()
    {
        var validator = CaseInsensitiveValidString.In("none", "All");
        Action check = () => validator.EnsureValid("errors.tolerance", "ALL");
        check.Should().NotThrow();
        Rejection(validator, "some", "errors.tolerance")
            .Should().Be("Invalid value some for configuration errors.tolerance: String must be one of (case insensitive): NONE, ALL");
        Rejection(validator, null).Should().Be("Invalid value null for configuration x: String must be one of (case insensitive): NONE, ALL");
        validator.ToString().Should().Be("(case insensitive) [NONE, ALL]");
    }

    [Fact]
    public void ValidList_EntryNotAllowed_ThrowsWithKafkaMessage()
    {
        var validator = ValidList.In("a", "b");
        Rejection(validator, new[] { "a", "c" }).Should().Be("Invalid value c for configuration x: String must be one of: a, b");
        validator.ToString().Should().Be("[a, b]");
    }

    [Fact]
    public void ValidList_AllEntriesAllowed_Accepts()
    {
        Action check = () => ValidList.In("a", "b").EnsureValid("x", new[] { "b", "a", "b" });
        Action empty = () => ValidList.In("a", "b").EnsureValid("x", Array.Empty<string>());
        check.Should().NotThrow();
        empty.Should().NotThrow();
    }

    [Fact]
    public void NonEmptyString_Empty_ThrowsWithKafkaMessage()
    {
        Rejection(NonEmptyString.Instance, string.Empty).Should().Be("Invalid value  for configuration x: String must be non-empty");
        Action nullValue = () => NonEmptyString.Instance.EnsureValid("x", null);
        nullValue.Should().NotThrow();
        NonEmptyString.Instance.ToString().Should().Be("non-empty string");
    }

    [Fact]
    public void NonNullValidator_Null_ThrowsWithKafkaMessage()
    {
        Rejection(NonNullValidator.Instance, null).Should().Be("Invalid value null for configuration x: entry must be non null");
        Action value = () => NonNullValidator.Instance.EnsureValid("x", string.Empty);
        value.Should().NotThrow();
        NonNullValidator.Instance.ToString().Should().Be("non-null string");
    }

    [Theory]
    [InlineData("test")]
    [InlineData("test/test")]
    [InlineData("test\u1234")]
    [InlineData("\uD83D\uDE01")]
    [InlineData("+1")]
    public void NonEmptyStringWithoutControlChars_PrintableString_Accepts(string value)
    {
        Action check = () => NonEmptyStringWithoutControlChars.Instance.EnsureValid("name", value);
        check.Should().NotThrow();
    }

    [Fact]
    public void NonEmptyStringWithoutControlChars_ControlChars_ThrowsWithKafkaMessage()
    {
        Rejection(NonEmptyStringWithoutControlChars.Instance, "a\nb\rc\u0085", "name")
            .Should().Be("Invalid value a\nb\rc\u0085 for configuration name: String may not contain control sequences but had the following ASCII chars: 10, 13, 133");
        Rejection(NonEmptyStringWithoutControlChars.Instance, string.Empty, "name")
            .Should().Be("Invalid value  for configuration name: String may not be empty");
        NonEmptyStringWithoutControlChars.Instance.ToString().Should().Be("non-empty string without ISO control characters");
    }

    [Fact]
    public void LambdaValidator_UsesBothDelegates()
    {
        var validator = LambdaValidator.With(
            (name, value) =>
            {
                if (value is string s && !s.StartsWith('/'))
                {
                    throw new ConfigException(name, value, "Path must be absolute");
                }
            },
            () => "absolute path");

        Rejection(validator, "tmp", "dir").Should().Be("Invalid value tmp for configuration dir: Path must be absolute");
        validator.ToString().Should().Be("absolute path");
    }

    [Fact]
    public void CompositeValidator_FirstRejectionWins()
    {
        var validator = CompositeValidator.Of(NonNullValidator.Instance, ValidString.In("a", "b"));

        Rejection(validator, null).Should().Be("Invalid value null for configuration x: entry must be non null");
        Rejection(validator, "c").Should().Be("Invalid value c for configuration x: String must be one of: a, b");
        validator.ToString().Should().Be("non-null string, [a, b]");
    }

    [Fact]
    public void ListSize_TooManyEntries_ThrowsWithKafkaMessage()
    {
        var validator = ListSize.AtMostOfSize(2);

        Rejection(validator, new[] { "a", "b", "c" }, "hosts")
            .Should().Be("Invalid value [a, b, c] for configuration hosts: exceeds maximum list size of [2].");
        Action ok = () => validator.EnsureValid("hosts", new[] { "a", "b" });
        ok.Should().NotThrow();
        validator.ToString().Should().Be("List containing maximum of 2 elements");
    }

    [Fact]
    public void Validators_AreAppliedToParsedValuesByConfigDef()
    {
        var def = new ConfigDef()
            .Define("hosts", ConfigType.List, "a", ListSize.AtMostOfSize(2), Importance.High, "docs")
            .Define("modes", ConfigType.List, "x", ValidList.In("x", "y"), Importance.High, "docs");

        Action tooMany = () => def.Parse(Props.Of(("hosts", "a, b, c")));
        Action badEntry = () => def.Parse(Props.Of(("modes", "x,z")));

        tooMany.Should().Throw<ConfigException>().WithMessage("Invalid value [a, b, c] for configuration hosts: exceeds maximum list size of [2].");
        badEntry.Should().Throw<ConfigException>().WithMessage("Invalid value z for configuration modes: String must be one of: x, y");
    }
}
