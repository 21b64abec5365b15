using Connect.Sdk.Samples.Twitter;

namespace Connect.Sdk.Samples.Tests.Twitter;

public class OAuth1SignerTests
{
    /// <summary>The worked example of Twitter's "Creating a signature" page, an independent known answer.</summary>
    [Fact]
    public void Signature_TwittersDocumentedExample_MatchesTheirResult()
    {
        var signer = new OAuth1Signer(
            "xvz1evFS4wEEPTGEFPHBog",
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
        var url = new Uri("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");
        (string, string)[] body = [("status", "Hello Ladies + Gentlemen, a signed OAuth request!")];

        var signature = signer.Signature(
            "post",
            url,
            OAuth1Signer.QueryParameters(url)
                .Concat(body)
                .Concat(signer.OAuthParameters("kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958)));

        signature.Should().Be("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
    }

    [Fact]
    public void AuthorizationHeader_CarriesTheKeysButNotTheSecrets()
    {
        var signer = new OAuth1Signer("consumer key", "consumer-secret", "token", "token-secret");

        var header = signer.AuthorizationHeader("GET", new Uri("http://127.0.0.1:8080/search?q=san%20jose&count=10"), "abc", 1_700_000_000);

        header.Should().StartWith("OAuth oauth_consumer_key=\"consumer%20key\", oauth_nonce=\"abc\", oauth_signature=\"")
            .And.EndWith("oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1700000000\", oauth_token=\"token\", oauth_version=\"1.0\"");
        header.Should().NotContain("secret");
    }

    [Theory]
    [InlineData("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen")]
    [InlineData("An encoded string!", "An%20encoded%20string%21")]
    [InlineData("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice")]
    [InlineData("☃", "%E2%98%83")]
    [InlineData("safe-._~", "safe-._~")]
    public void Encode_PercentEncodesAllButUnreservedCharacters(string value, string expected) =>
        OAuth1Signer.Encode(value).Should().Be(expected);

    [Theory]
    [InlineData("Wed Oct 10 20:19:24 +0000 2018", "2018-10-10T20:19:24Z")]
    [InlineData("2018-10-10T20:19:24Z", "2018-10-10T20:19:24Z")]
    [InlineData("2018-10-10T22:19:24.5+02:00", "2018-10-10T20:19:24.5Z")]
    public void TryParseTime_AcceptsTheClassicFormatAndIso8601(string text, string expected)
    {
        StatusSearchClient.TryParseTime(text, out var time).Should().BeTrue();

        time.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2018-10-10")]
    public void TryParseTime_RejectsOtherText(string text) =>
        StatusSearchClient.TryParseTime(text, out _).Should().BeFalse();
}
