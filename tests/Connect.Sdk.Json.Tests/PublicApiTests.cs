using System.Reflection;

namespace Connect.Sdk.Json.Tests;

/// <summary>Keeps the public surface of Connect.Sdk.Json deliberate: a change here is an API change.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicSurface_IsTheConverterAndItsSettingNames()
    {
        var members = typeof(JsonConverter).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(member => $"{type.FullName}.{member}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        members.Should().Equal(
            "Connect.Sdk.Json.JsonConverter.Byte[] FromConnectData(System.String, Connect.Sdk.Connectors.Headers, Connect.Sdk.Data.Schema, System.Object)",
            "Connect.Sdk.Json.JsonConverter.Byte[] FromConnectHeader(System.String, System.String, Connect.Sdk.Data.Schema, System.Object)",
            "Connect.Sdk.Json.JsonConverter.Connect.Sdk.Data.SchemaAndValue ToConnectData(System.String, Connect.Sdk.Connectors.Headers, Byte[])",
            "Connect.Sdk.Json.JsonConverter.Connect.Sdk.Data.SchemaAndValue ToConnectHeader(System.String, System.String, Byte[])",
            "Connect.Sdk.Json.JsonConverter.System.String ConverterTypeConfig",
            "Connect.Sdk.Json.JsonConverter.System.String DecimalFormatConfig",
            "Connect.Sdk.Json.JsonConverter.System.String ReplaceNullWithDefaultConfig",
            "Connect.Sdk.Json.JsonConverter.System.String SchemasCacheSizeConfig",
            "Connect.Sdk.Json.JsonConverter.System.String SchemasEnableConfig",
            "Connect.Sdk.Json.JsonConverter.Void .ctor()",
            "Connect.Sdk.Json.JsonConverter.Void Configure(System.Collections.Generic.IReadOnlyDictionary`2[System.String,System.String])",
            "Connect.Sdk.Json.JsonConverter.Void Configure(System.Collections.Generic.IReadOnlyDictionary`2[System.String,System.String], Boolean)",
            "Connect.Sdk.Json.JsonConverter.Void Dispose()");
    }
}
