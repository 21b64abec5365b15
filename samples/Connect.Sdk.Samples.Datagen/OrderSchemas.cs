using Connect.Sdk.Data;

namespace Connect.Sdk.Samples.Datagen;

/// <summary>The schemas of the <c>orders</c> data set: a struct key (so fields can be added later without breaking
/// readers) and a struct value, with fully qualified names and documentation on every field.</summary>
public static class OrderSchemas
{
    /// <summary>The namespace of the schema names.</summary>
    public const string Namespace = "io.connect.sdk.samples.datagen";

    /// <summary>The order id field (key and value).</summary>
    public const string OrderIdField = "order_id";

    /// <summary>The customer id field.</summary>
    public const string CustomerIdField = "customer_id";

    /// <summary>The product field.</summary>
    public const string ProductField = "product";

    /// <summary>The quantity field.</summary>
    public const string QuantityField = "quantity";

    /// <summary>The price field.</summary>
    public const string PriceField = "price";

    /// <summary>The order time field.</summary>
    public const string OrderTimeField = "order_time";

    /// <summary>The shipping address field.</summary>
    public const string ShippingAddressField = "shipping_address";

    /// <summary>The street field of an address.</summary>
    public const string StreetField = "street";

    /// <summary>The city field of an address.</summary>
    public const string CityField = "city";

    /// <summary>The zip code field of an address.</summary>
    public const string ZipField = "zip";

    /// <summary>The number of decimal places of <see cref="PriceField"/>.</summary>
    public const int PriceScale = 2;

    /// <summary>Gets the key schema, <c>io.connect.sdk.samples.datagen.OrderKey</c>.</summary>
    public static Schema OrderKey { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".OrderKey")
        .Version(1)
        .Doc("Key of an order: its id.")
        .Field(OrderIdField, SchemaBuilder.Int64().Doc("Unique id of the order.").Build())
        .Build();

    /// <summary>Gets the optional shipping address schema, <c>io.connect.sdk.samples.datagen.Address</c>.</summary>
    public static Schema Address { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".Address")
        .Version(1)
        .Doc("Where to ship an order. The field is null for orders picked up in store.")
        .Optional()
        .Field(StreetField, SchemaBuilder.String().Doc("House number and street name.").Build())
        .Field(CityField, SchemaBuilder.String().Doc("City name.").Build())
        .Field(ZipField, SchemaBuilder.String().Doc("Five-digit postal code, kept as text to keep leading zeros.").Build())
        .Build();

    /// <summary>Gets the value schema, <c>io.connect.sdk.samples.datagen.Order</c>.</summary>
    public static Schema Order { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".Order")
        .Version(1)
        .Doc("An order of one product by a customer.")
        .Field(OrderIdField, SchemaBuilder.Int64().Doc("Unique id of the order; the same as in the key.").Build())
        .Field(CustomerIdField, SchemaBuilder.String().Doc("Id of the customer who placed the order, such as C00042.").Build())
        .Field(ProductField, SchemaBuilder.String().Doc("Name of the product ordered.").Build())
        .Field(QuantityField, SchemaBuilder.Int32().Doc("Number of items ordered, at least 1.").Build())
        .Field(PriceField, ConnectDecimal.Builder(PriceScale).Doc("Total price of the order (unit price times quantity), in US dollars.").Build())
        .Field(OrderTimeField, ConnectTimestamp.Builder().Doc("When the order was placed (UTC).").Build())
        .Field(ShippingAddressField, Address)
        .Build();
}
