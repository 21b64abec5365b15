using System.Reflection;

namespace Connect.Sdk.Samples;

/// <summary>The version the connectors and tasks of this assembly report.</summary>
internal static class SampleVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(SampleVersion).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";

        // Drop build metadata such as "+<commit>" so the REST API shows a plain version.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
