using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>A connector configuration failed validation; the message lists every error, as Kafka Connect's does.</summary>
public sealed class InvalidConnectorConfigException : ConnectException
{
    /// <summary>Creates the exception from validation results.</summary>
    /// <param name="validation">The validation results.</param>
    public InvalidConnectorConfigException(ConfigInfos validation)
        : base(Describe(validation))
    {
        Validation = validation;
    }

    /// <summary>The validation results.</summary>
    public ConfigInfos Validation { get; }

    private static string Describe(ConfigInfos validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var errors = validation.Configs.SelectMany(c => c.Value.Errors).ToList();
        return $"Connector configuration is invalid and contains the following {errors.Count} error(s):\n{string.Join("\n", errors)}\n"
            + "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";
    }
}
