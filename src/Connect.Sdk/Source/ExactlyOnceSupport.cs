namespace Connect.Sdk.Source;

/// <summary>Whether a source connector can provide exactly-once semantics with a given configuration.</summary>
public enum ExactlyOnceSupport
{
    /// <summary>The connector supports exactly-once delivery.</summary>
    Supported,

    /// <summary>The connector does not support exactly-once delivery.</summary>
    Unsupported,
}

/// <summary>Whether a source connector can define its own transaction boundaries.</summary>
public enum ConnectorTransactionBoundaries
{
    /// <summary>The connector's tasks may define transaction boundaries through <see cref="ITransactionContext"/>.</summary>
    Supported,

    /// <summary>The connector cannot define transaction boundaries.</summary>
    Unsupported,
}
