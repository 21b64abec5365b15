using Connect.Sdk.Data;

namespace Connect.Sdk.Tests.Data;

public class ValuesTokenizerTests
{
    [Theory]
    [InlineData("  ")]
    [InlineData("simple")]
    [InlineData("simple string")]
    [InlineData("simple \n\t\bstring")]
    [InlineData("'simple' string")]
    [InlineData("si\\mple")]
    [InlineData("si\\\\mple")]
    [InlineData("si\\\"mple")]
    [InlineData("si\\{mple")]
    [InlineData("si\\}mple")]
    [InlineData("si\\]mple")]
    [InlineData("si\\[mple")]
    [InlineData("si\\:mple")]
    [InlineData("si\\,mple")]
    public void Next_NoUnescapedDelimiter_GivesOneToken(string text) => AssertTokens(text, text);

    [Theory]
    [InlineData("a{b", "a", "{", "b")]
    [InlineData("a}b", "a", "}", "b")]
    [InlineData("a[b", "a", "[", "b")]
    [InlineData("a]b", "a", "]", "b")]
    [InlineData("a:b", "a", ":", "b")]
    [InlineData("a,b", "a", ",", "b")]
    [InlineData("a\"b", "a", "\"", "b")]
    [InlineData("{b", "{", "b")]
    [InlineData(",b", ",", "b")]
    [InlineData("\"", "\"")]
    [InlineData("\"simple\" string", "\"", "simple", "\"", " string")]
    [InlineData("a{bc}d", "a", "{", "bc", "}", "d")]
    [InlineData("a { b c } d", "a ", "{", " b c ", "}", " d")]
    [InlineData("a\\\\,b", "a\\\\", ",", "b")]
    public void Next_Delimiters_AreTokensOfTheirOwn(string text, params string[] expected) => AssertTokens(text, expected);

    [Fact]
    public void NextCount_ReadsSpannedTextOrNothing()
    {
        var tokenizer = new Values.Tokenizer("a:b:c:d:e:f:g:h");
        tokenizer.Next(5).Should().Be("a:b:c");
        tokenizer.Next().Should().Be(":");
        tokenizer.Next().Should().Be("d");
        tokenizer.Next().Should().Be(":");
        tokenizer.Next(8).Should().BeNull("only 7 tokens remain");
        tokenizer.Next().Should().Be("e");
    }

    [Fact]
    public void CanConsume_SkipsBlankTokensAndComparesTrimmed()
    {
        var tokenizer = new Values.Tokenizer(" [ 1 , 2 ] ");
        tokenizer.CanConsume("[").Should().BeTrue();
        tokenizer.CanConsume("1").Should().BeTrue();
        tokenizer.CanConsume(",").Should().BeTrue();
        tokenizer.CanConsume("2", ignoreWhitespace: false).Should().BeFalse();
        tokenizer.CanConsume("2").Should().BeTrue();
        tokenizer.CanConsume("]").Should().BeTrue();
        tokenizer.HasNext.Should().BeTrue("the trailing blank is still there");
        tokenizer.CanConsume("x").Should().BeFalse();
    }

    [Fact]
    public void RewindTo_Mark_ReadsTheSameTokensAgain()
    {
        var tokenizer = new Values.Tokenizer("a,b");
        tokenizer.Next().Should().Be("a");
        var mark = tokenizer.Mark();
        tokenizer.Next().Should().Be(",");
        tokenizer.Previous.Should().Be(",");
        tokenizer.RewindTo(mark);
        tokenizer.Previous.Should().BeNull();
        tokenizer.Next().Should().Be(",");
        tokenizer.Next().Should().Be("b");
        tokenizer.HasNext.Should().BeFalse();
    }

    private static void AssertTokens(string text, params string[] expected)
    {
        var tokenizer = new Values.Tokenizer(text);
        foreach (var token in expected)
        {
            tokenizer.HasNext.Should().BeTrue();
            var position = tokenizer.Mark();
            tokenizer.Next().Should().Be(token);
            tokenizer.Position.Should().Be(position + token.Length);
            tokenizer.Previous.Should().Be(token);
            tokenizer.RewindTo(position);
            tokenizer.Next().Should().Be(token);
        }

        tokenizer.HasNext.Should().BeFalse();

        tokenizer.RewindTo(0);
        foreach (var token in expected.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var position = tokenizer.Mark();
            tokenizer.CanConsume(token.Trim()).Should().BeTrue();
            tokenizer.RewindTo(position);
            tokenizer.CanConsume(token, ignoreWhitespace: false).Should().BeTrue();
        }
    }
}
