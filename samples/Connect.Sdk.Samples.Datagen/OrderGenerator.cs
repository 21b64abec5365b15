using System.Globalization;
using Connect.Sdk.Data;

namespace Connect.Sdk.Samples.Datagen;

/// <summary>
/// Makes the key and value of an order. Every value except the time comes from a random generator seeded with the
/// seed and the order id, so a given seed always gives an order id the same contents, whatever the task, the poll or
/// a restart in between.
/// </summary>
internal sealed class OrderGenerator(long seed)
{
    private static readonly (string Name, decimal UnitPrice)[] Products =
    [
        ("Espresso beans 1 kg", 24.90m),
        ("Ceramic mug", 12.50m),
        ("French press", 34.00m),
        ("Milk frother", 45.99m),
        ("Paper filters, 100", 4.25m),
        ("Burr grinder", 129.00m),
        ("Tea sampler", 18.75m),
        ("Travel tumbler", 22.40m),
    ];

    private static readonly string[] Streets =
    [
        "Main Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Elm Street", "Harbor Road", "Hillside Way", "River Walk",
    ];

    private static readonly string[] Cities =
    [
        "Springfield", "Riverton", "Lakewood", "Fairview", "Georgetown", "Ashland", "Milford", "Clayton",
    ];

    public long Seed { get; } = seed;

    public (Struct Key, Struct Value) Generate(long orderId, DateTime orderTime)
    {
        var random = new SplitMix64(unchecked((ulong)Seed ^ SplitMix64.Mix((ulong)orderId)));
        var (product, unitPrice) = Products[random.Next(Products.Length)];
        var quantity = random.Next(1, 6);
        var customer = random.Next(1, 5001);

        // Most orders are shipped; some are picked up in store and have no address.
        Struct? address = null;
        if (random.Next(100) < 85)
        {
            address = new Struct(OrderSchemas.Address)
                .Put(OrderSchemas.StreetField, string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 2000)} {Streets[random.Next(Streets.Length)]}"))
                .Put(OrderSchemas.CityField, Cities[random.Next(Cities.Length)])
                .Put(OrderSchemas.ZipField, random.Next(1000, 100_000).ToString("D5", CultureInfo.InvariantCulture));
        }

        var key = new Struct(OrderSchemas.OrderKey).Put(OrderSchemas.OrderIdField, orderId);
        var value = new Struct(OrderSchemas.Order)
            .Put(OrderSchemas.OrderIdField, orderId)
            .Put(OrderSchemas.CustomerIdField, string.Create(CultureInfo.InvariantCulture, $"C{customer:D5}"))
            .Put(OrderSchemas.ProductField, product)
            .Put(OrderSchemas.QuantityField, quantity)
            .Put(OrderSchemas.PriceField, decimal.Round(unitPrice * quantity, OrderSchemas.PriceScale))
            .Put(OrderSchemas.OrderTimeField, orderTime)
            .Put(OrderSchemas.ShippingAddressField, address);
        return (key, value);
    }
}

/// <summary>Sebastiano Vigna's SplitMix64 generator: tiny, fast, and the same on every platform and .NET version
/// (unlike <see cref="Random"/> with a seed, whose sequence is not guaranteed to stay the same).</summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    /// <summary>Scrambles a number; used to turn consecutive ids into unrelated seeds.</summary>
    public static ulong Mix(ulong value)
    {
        value = unchecked((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL);
        value = unchecked((value ^ (value >> 27)) * 0x94D049BB133111EBUL);
        return value ^ (value >> 31);
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>A number from 0 to <paramref name="maxExclusive"/> - 1.</summary>
    public int Next(int maxExclusive) => (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);

    /// <summary>A number from <paramref name="minInclusive"/> to <paramref name="maxExclusive"/> - 1.</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);
}
