using System.Globalization;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>The SQL of a write, with positional parameters ($1, $2, …) in the order of <see cref="RecordLayout.Parameters"/>.</summary>
internal static class Statements
{
    public static string For(TableId table, RecordLayout layout) => layout.Kind switch
    {
        WriteKind.Delete => $"DELETE FROM {table} WHERE {string.Join(" AND ", layout.KeyColumns.Select((c, i) => $"{TableId.Quote(c.Name)} = {Parameter(i)}"))}",
        WriteKind.Upsert => Insert(table, layout) + $" ON CONFLICT ({Names(layout.KeyColumns)}) " + (layout.NonKeyColumns.Count == 0
            ? "DO NOTHING"
            : "DO UPDATE SET " + string.Join(", ", layout.NonKeyColumns.Select(c => $"{TableId.Quote(c.Name)} = EXCLUDED.{TableId.Quote(c.Name)}"))),
        _ => Insert(table, layout),
    };

    private static string Insert(TableId table, RecordLayout layout) =>
        $"INSERT INTO {table} ({Names(layout.Columns)}) VALUES ({string.Join(", ", layout.Columns.Select((_, i) => Parameter(i)))})";

    private static string Names(IEnumerable<Column> columns) => string.Join(", ", columns.Select(c => TableId.Quote(c.Name)));

    private static string Parameter(int index) => "$" + (index + 1).ToString(CultureInfo.InvariantCulture);
}
