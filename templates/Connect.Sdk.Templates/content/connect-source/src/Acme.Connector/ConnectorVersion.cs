namespace Acme.Connector;

/// <summary>The version the connector and its tasks report to the worker (and the REST API's connector-plugins).</summary>
public static class ConnectorVersion
{
    /// <summary>The version; keep it equal to the project's &lt;Version&gt;.</summary>
    public const string Value = "0.1.0";
}
