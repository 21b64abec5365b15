using System.Net;
using Connect.Sdk.Config;

namespace Connect.Sdk.Runtime.Rest.Tests;

public class RestListenerTests
{
    [Theory]
    [InlineData("http://:8083", false, "", 8083)]
    [InlineData("HTTPS://0.0.0.0:8443/", true, "0.0.0.0", 8443)]
    [InlineData("http://localhost:0", false, "localhost", 0)]
    [InlineData(" http://[::1]:8083 ", false, "::1", 8083)]
    public void Parse_ReadsKafkasListenerFormat(string text, bool https, string host, int port) =>
        RestListener.Parse(text).Should().Be(new RestListener(https, host, port));

    [Fact]
    public void Addresses_WildcardIsEveryInterface_LocalhostIsLoopback()
    {
        RestListener.Parse("http://:8083").Addresses().Should().BeNull();
        RestListener.Parse("http://:8083").IsWildcard.Should().BeTrue();
        RestListener.Parse("http://localhost:0").Addresses().Should().Equal(IPAddress.Loopback);
        RestListener.Parse("http://[::1]:0").Addresses().Should().Equal(IPAddress.IPv6Loopback);
    }

    [Theory]
    [InlineData("localhost:8083", "it must look like http://host:port")]
    [InlineData("http://host:99999", "the port must be a number from 0 to 65535")]
    [InlineData("http://[::1]", "the port is missing")]
    public void Parse_Invalid_NamesTheKey(string text, string reason) =>
        FluentActions.Invoking(() => RestListener.Parse(text)).Should().Throw<ConfigException>()
            .Which.Message.Should().Contain("listeners").And.Contain(reason);

    [Fact]
    public void Credentials_ReadUserColonPasswordLines()
    {
        var credentials = BasicAuthCredentials.Parse(["# comment", "", "alice: wonder: land", "bob=builder", "! other comment"], "test");

        credentials.Count.Should().Be(2);
        FluentActions.Invoking(() => BasicAuthCredentials.Parse(["no separator here"], "test")).Should().Throw<ConfigException>()
            .Which.Message.Should().Contain("line 1 must be 'user: password'");
    }
}
