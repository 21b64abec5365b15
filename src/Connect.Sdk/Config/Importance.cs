namespace Connect.Sdk.Config;

/// <summary>How likely an operator is to need to change a configuration; used to order documentation.</summary>
public enum Importance
{
    /// <summary>Most deployments set or review this configuration.</summary>
    High,

    /// <summary>Some deployments change this configuration.</summary>
    Medium,

    /// <summary>The default suits almost every deployment.</summary>
    Low,
}
