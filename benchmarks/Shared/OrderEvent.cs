using System.Text.Json.Serialization;
using Connect.Sdk.Data;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// The 20-field record of the converter benchmarks and the end-to-end JSON path, as a plain .NET class. It is the
/// "equivalent POCO" of <see cref="OrderEventData.Schema"/>: same field names (snake_case through
/// <see cref="OrderEventJsonContext"/>), same order, same values, so the source-generated
/// <c>JsonSerializer.SerializeToUtf8Bytes</c> writes the same JSON as <c>JsonConverter</c> with <c>schemas.enable=false</c>
/// (apart from how a few doubles are printed).
/// </summary>
public sealed class OrderEvent
{
    public long OrderId { get; set; }

    public long CustomerId { get; set; }

    public int ProductId { get; set; }

    public int Quantity { get; set; }

    public double UnitPrice { get; set; }

    public double Discount { get; set; }

    public double Total { get; set; }

    public string Currency { get; set; } = "";

    public string Status { get; set; } = "";

    public string CustomerName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Street { get; set; } = "";

    public string City { get; set; } = "";

    public string Country { get; set; } = "";

    public string PostalCode { get; set; } = "";

    public bool IsGift { get; set; }

    public bool IsExpress { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public string? Note { get; set; }
}

/// <summary>Source-generated System.Text.Json metadata for <see cref="OrderEvent"/>: the baseline serializer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OrderEvent))]
public sealed partial class OrderEventJsonContext : JsonSerializerContext;

/// <summary>The Connect schema of the 20-field record and helpers to build sample values.</summary>
public static class OrderEventData
{
    /// <summary>The Connect schema: 20 fields of int32, int64, float64, string, boolean and an optional string.</summary>
    public static Schema Schema { get; } = SchemaBuilder.Struct()
        .Name("com.acme.OrderEvent")
        .Version(1)
        .Field("order_id", Schema.Int64)
        .Field("customer_id", Schema.Int64)
        .Field("product_id", Schema.Int32)
        .Field("quantity", Schema.Int32)
        .Field("unit_price", Schema.Float64)
        .Field("discount", Schema.Float64)
        .Field("total", Schema.Float64)
        .Field("currency", Schema.String)
        .Field("status", Schema.String)
        .Field("customer_name", Schema.String)
        .Field("email", Schema.String)
        .Field("street", Schema.String)
        .Field("city", Schema.String)
        .Field("country", Schema.String)
        .Field("postal_code", Schema.String)
        .Field("is_gift", Schema.Boolean)
        .Field("is_express", Schema.Boolean)
        .Field("created_at", Schema.Int64)
        .Field("updated_at", Schema.Int64)
        .Field("note", Schema.OptionalString)
        .Build();

    /// <summary>A sample order; <paramref name="seed"/> varies the numbers and a few strings.</summary>
    /// <param name="seed">Any number.</param>
    /// <returns>The order.</returns>
    public static OrderEvent Sample(int seed)
    {
        var quantity = 1 + (seed % 9);
        var unitPrice = 19.99 + (seed % 100);
        var discount = (seed % 4) * 2.5;
        return new OrderEvent
        {
            OrderId = 1_000_000_000L + seed,
            CustomerId = 42_000L + (seed % 5_000),
            ProductId = 7_000 + (seed % 300),
            Quantity = quantity,
            UnitPrice = unitPrice,
            Discount = discount,
            Total = (quantity * unitPrice) - discount,
            Currency = "EUR",
            Status = (seed % 3) switch { 0 => "NEW", 1 => "PAID", _ => "SHIPPED" },
            CustomerName = "Customer " + (seed % 5_000),
            Email = "customer" + (seed % 5_000) + "@example.com",
            Street = (seed % 200) + " Main Street",
            City = "Amsterdam",
            Country = "NL",
            PostalCode = "1011 AB",
            IsGift = seed % 7 == 0,
            IsExpress = seed % 2 == 0,
            CreatedAt = 1_700_000_000_000L + seed,
            UpdatedAt = 1_700_000_000_500L + seed,
            Note = "leave at the door",
        };
    }

    /// <summary>The Connect struct with the same values as an order.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The struct, of <see cref="Schema"/>.</returns>
    public static Struct ToStruct(OrderEvent order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new Struct(Schema)
            .Put("order_id", order.OrderId)
            .Put("customer_id", order.CustomerId)
            .Put("product_id", order.ProductId)
            .Put("quantity", order.Quantity)
            .Put("unit_price", order.UnitPrice)
            .Put("discount", order.Discount)
            .Put("total", order.Total)
            .Put("currency", order.Currency)
            .Put("status", order.Status)
            .Put("customer_name", order.CustomerName)
            .Put("email", order.Email)
            .Put("street", order.Street)
            .Put("city", order.City)
            .Put("country", order.Country)
            .Put("postal_code", order.PostalCode)
            .Put("is_gift", order.IsGift)
            .Put("is_express", order.IsExpress)
            .Put("created_at", order.CreatedAt)
            .Put("updated_at", order.UpdatedAt)
            .Put("note", order.Note);
    }
}
