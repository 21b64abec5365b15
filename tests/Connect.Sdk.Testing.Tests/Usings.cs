global using Connect.Sdk.Testing.Tests.Examples;
