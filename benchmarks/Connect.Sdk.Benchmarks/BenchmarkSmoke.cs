using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// Runs every benchmark of this assembly once, without BenchmarkDotNet's measurement: each class is created, its
/// <see cref="GlobalSetupAttribute"/> methods run, each <see cref="BenchmarkAttribute"/> method is called once, then its
/// <see cref="GlobalCleanupAttribute"/> methods. CI uses it to check the benchmarks still work; it measures nothing.
/// </summary>
public static class BenchmarkSmoke
{
    /// <summary>Runs the smoke pass.</summary>
    /// <param name="output">Where to write one line per benchmark.</param>
    /// <returns>The number of benchmark methods called.</returns>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var called = 0;
        var classes = typeof(BenchmarkSmoke).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && Methods<BenchmarkAttribute>(t).Any())
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var type in classes)
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var setup in Methods<GlobalSetupAttribute>(type))
            {
                setup.Invoke(instance, null);
            }

            try
            {
                foreach (var benchmark in Methods<BenchmarkAttribute>(type))
                {
                    var watch = Stopwatch.StartNew();
                    benchmark.Invoke(instance, null);
                    called++;
                    var description = benchmark.GetCustomAttribute<BenchmarkAttribute>()!.Description ?? benchmark.Name;
                    output.WriteLine($"smoke: {type.Name}.{benchmark.Name} ({description}) ran once in {watch.Elapsed.TotalMilliseconds:F1} ms");
                }
            }
            finally
            {
                foreach (var cleanup in Methods<GlobalCleanupAttribute>(type))
                {
                    cleanup.Invoke(instance, null);
                }
            }
        }

        output.WriteLine(ConverterWarmUpCheck.Run(records: 1_000));
        output.WriteLine($"smoke: {called} benchmark methods ran.");
        return called;
    }

    private static IEnumerable<MethodInfo> Methods<TAttribute>(Type type)
        where TAttribute : Attribute =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<TAttribute>() is not null)
            .OrderBy(m => m.MetadataToken);
}
