using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Assertions;

/// <summary>The <c>Should()</c> entry points of the Connect assertions, next to FluentAssertions' own.</summary>
public static class ConnectAssertionExtensions
{
    /// <summary>Starts assertions on a source or sink record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The assertions.</returns>
    public static ConnectRecordAssertions Should(this ConnectRecord? record) => new(record);

    /// <summary>Starts assertions on a struct.</summary>
    /// <param name="value">The struct.</param>
    /// <returns>The assertions.</returns>
    public static StructAssertions Should(this Struct? value) => new(value);

    /// <summary>Starts assertions on a configuration validation result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The assertions.</returns>
    public static ConfigValidationResultAssertions Should(this ConfigValidationResult? result) => new(result);
}
