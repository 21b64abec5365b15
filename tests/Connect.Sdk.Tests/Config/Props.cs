namespace Connect.Sdk.Tests.Config;

internal static class Props
{
    public static Dictionary<string, string> Of(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);
}
