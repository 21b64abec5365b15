using Connect.Sdk.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest.Tests.Logging;

public class ConnectLogLevelsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Namespace_AppliesToWholeSegmentsOnly()
    {
        var levels = new ConnectLogLevels(LogLevel.Warning);
        levels.SetLevel("Connect.Sdk", LogLevel.Debug);

        levels.IsEnabled("Connect.Sdk.Runtime.Worker", LogLevel.Debug).Should().BeTrue();
        levels.IsEnabled("Connect.Sdk", LogLevel.Debug).Should().BeTrue();
        levels.IsEnabled("Connect.SdkExtras", LogLevel.Debug).Should().BeFalse();
        levels.IsEnabled("Other", LogLevel.Information).Should().BeFalse();
        levels.IsEnabled("Other", LogLevel.Warning).Should().BeTrue();
    }

    [Fact]
    public void LongestNamespaceWins_AndOffSilences()
    {
        var levels = new ConnectLogLevels().Configure("A", LogLevel.Debug).Configure("A.B", LogLevel.None);

        levels.IsEnabled("A.B.C", LogLevel.Critical).Should().BeFalse();
        levels.IsEnabled("A.C", LogLevel.Debug).Should().BeTrue();
        levels.IsEnabled("A.C", LogLevel.None).Should().BeFalse();
    }

    [Fact]
    public void SetLevel_SetsKnownLoggersUnderTheNamespace_AndRecordsWhenTheLevelChanged()
    {
        var clock = new ManualClock();
        var levels = new ConnectLogLevels(LogLevel.Information, clock);
        levels.IsEnabled("App.Orders.Reader", LogLevel.Information);
        levels.IsEnabled("App.Billing", LogLevel.Information);

        var affected = levels.SetLevel("App.Orders", LogLevel.Debug);
        clock.Now += TimeSpan.FromSeconds(5);
        levels.SetLevel("App.Orders", LogLevel.Debug);

        affected.Should().Equal("App.Orders", "App.Orders.Reader");
        levels.Level("App.Orders.Reader").Should().Be(new LoggerLevel(LogLevel.Debug, 1_700_000_000_000));
        levels.Level("App.Billing").Should().Be(new LoggerLevel(LogLevel.Information, null));
        levels.Level("App.Unknown").Should().BeNull();
        levels.ExplicitLevels().Keys.Should().Equal("App.Orders", "App.Orders.Reader", "root");
    }

    [Fact]
    public void SetLevel_Root_SetsEveryLogger()
    {
        var levels = new ConnectLogLevels().Configure("Microsoft", LogLevel.Warning);
        levels.IsEnabled("Any.Category", LogLevel.Information);

        var affected = levels.SetLevel("ROOT", LogLevel.Error);

        affected.Should().Equal("Any.Category", "Microsoft", "root");
        levels.RootLevel.Should().Be(LogLevel.Error);
        levels.IsEnabled("Microsoft.AspNetCore", LogLevel.Warning).Should().BeFalse();
    }

    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("ALL", LogLevel.Trace)]
    [InlineData("Debug", LogLevel.Debug)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("FATAL", LogLevel.Critical)]
    [InlineData("OFF", LogLevel.None)]
    public void LevelNames_AreLog4js(string name, LogLevel level)
    {
        ConnectLogLevels.TryParseLevel(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(level);
        ConnectLogLevels.TryParseLevel("Information", out _).Should().BeFalse();
    }
}
