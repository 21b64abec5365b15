namespace Connect.Sdk.Converters;

/// <summary>What a converter instance converts: record keys, record values, or header values.</summary>
public enum ConverterType
{
    /// <summary>Record keys.</summary>
    Key,

    /// <summary>Record values.</summary>
    Value,

    /// <summary>Header values.</summary>
    Header,
}
