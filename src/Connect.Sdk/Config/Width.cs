namespace Connect.Sdk.Config;

/// <summary>A hint for user interfaces about how wide the input field for a configuration value should be.</summary>
public enum Width
{
    /// <summary>No width hint.</summary>
    None,

    /// <summary>A short value such as a number or a flag.</summary>
    Short,

    /// <summary>A medium-length value such as a host name or a class name.</summary>
    Medium,

    /// <summary>A long value such as a list or a URL.</summary>
    Long,
}
