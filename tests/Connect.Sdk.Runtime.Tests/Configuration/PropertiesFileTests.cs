using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Runtime.Tests.Configuration;

public class PropertiesFileTests
{
    [Fact]
    public void Parse_SeparatorsCommentsAndBlankLines()
    {
        var properties = PropertiesFile.Parse("""
            # a comment
            ! another comment
               # an indented comment
            name=orders-sink
            connector.class : FileStreamSink

            tasks.max 3
            	topics=	orders ,returns
            empty=
            flag
            """);

        properties.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["name"] = "orders-sink",
            ["connector.class"] = "FileStreamSink",
            ["tasks.max"] = "3",
            ["topics"] = "orders ,returns",
            ["empty"] = string.Empty,
            ["flag"] = string.Empty,
        });
    }

    [Fact]
    public void Parse_ContinuationLines_JoinWithoutTheNextLinesLeadingWhitespace()
    {
        var properties = PropertiesFile.Parse("topics=orders,\\\n    returns,\\\n\tpayments\nnext=1\n");

        properties["topics"].Should().Be("orders,returns,payments");
        properties["next"].Should().Be("1");
    }

    [Fact]
    public void Parse_EvenBackslashesAtTheEnd_AreNotAContinuation()
    {
        var properties = PropertiesFile.Parse("dir=C:\\\\\nnext=1");

        properties["dir"].Should().Be("C:\\");
        properties["next"].Should().Be("1");
    }

    [Fact]
    public void Parse_CommentLineEndingWithBackslash_DoesNotSwallowTheNextLine()
    {
        var properties = PropertiesFile.Parse("# comment \\\nkey=value");

        properties.Should().ContainKey("key").WhoseValue.Should().Be("value");
    }

    [Fact]
    public void Parse_Escapes()
    {
        var properties = PropertiesFile.Parse("my\\ key\\=x\\:y=tab\\there\\nnew line \\u00e9\\u20AC \\\\ \\q");

        properties.Should().ContainSingle().Which.Should().Be(
            new KeyValuePair<string, string>("my key=x:y", "tab\there\nnew line é€ \\ q"));
    }

    [Fact]
    public void Parse_WindowsLineEndingsAndLaterDuplicates()
    {
        var properties = PropertiesFile.Parse("a=1\r\nb=2\r\na=3\r\n");

        properties.Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "3", ["b"] = "2" });
    }

    [Theory]
    [InlineData("key=\\u12", 1)]
    [InlineData("ok=1\nkey=\\u12G4", 2)]
    [InlineData("ok=1\n\nkey=\\u 123", 3)]
    [InlineData("key=\\u+123", 1)]
    [InlineData("a=1\nb=\\\n  \\u00zz", 2)]
    public void Parse_MalformedUnicodeEscape_NamesTheFileAndLine(string text, int line)
    {
        var act = () => PropertiesFile.Parse(text, "worker.properties");

        act.Should().Throw<ConnectException>().WithMessage($"worker.properties, line {line}: malformed \\uXXXX escape in *");
    }

    [Fact]
    public void Parse_EmptyKey_IsAnError()
    {
        var act = () => PropertiesFile.Parse("a=1\n=value", "c.properties");

        act.Should().Throw<ConnectException>().WithMessage("c.properties, line 2: a property has an empty key. Lines must look like key=value.");
    }

    [Fact]
    public void Load_MissingFile_IsAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".properties");

        var act = () => PropertiesFile.Load(path);

        act.Should().Throw<ConnectException>().WithMessage($"The properties file {path} does not exist.");
    }

    [Fact]
    public void Load_ReadsTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "bootstrap.servers=localhost:9092\n");

            PropertiesFile.Load(path).Should().ContainKey("bootstrap.servers").WhoseValue.Should().Be("localhost:9092");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
