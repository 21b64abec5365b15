using Connect.Sdk.Converters;

namespace Connect.Sdk.Tests.Converters;

public class OutputArrayPoolTests
{
    [Fact]
    public void Rent_AfterReturnOfThatLength_GivesTheSameArray()
    {
        var pool = new OutputArrayPool();
        var first = pool.Rent(100);
        pool.Return(first);

        pool.Rent(100).Should().BeSameAs(first);
        pool.Count.Should().Be(0, "a rented array leaves the pool");
    }

    [Fact]
    public void Rent_OfAnotherLength_GivesANewArrayOfExactlyThatLength()
    {
        var pool = new OutputArrayPool();
        var returned = pool.Rent(100);
        pool.Return(returned);

        var other = pool.Rent(101);

        other.Should().NotBeSameAs(returned).And.HaveCount(101);
        pool.Count.Should().Be(1);
    }

    [Fact]
    public void Rent_WithoutReturns_NeverGivesAnArrayTwice()
    {
        var pool = new OutputArrayPool();

        pool.Rent(64).Should().NotBeSameAs(pool.Rent(64));
    }

    [Fact]
    public void Copy_FillsTheArrayExactly()
    {
        var pool = new OutputArrayPool();
        pool.Return(new byte[] { 9, 9, 9 });

        pool.Copy([1, 2, 3]).Should().Equal(1, 2, 3);
        pool.Copy([]).Should().BeEmpty();
    }

    [Fact]
    public void Return_EmptyOrVeryLargeArrays_AreNotKept()
    {
        var pool = new OutputArrayPool();

        pool.Return([]);
        pool.Return(new byte[OutputArrayPool.MaxArrayLength + 1]);

        pool.Count.Should().Be(0);
    }

    [Fact]
    public void Return_BeyondMaxLengths_StartsOverRatherThanGrowing()
    {
        var pool = new OutputArrayPool();
        for (var length = 1; length <= OutputArrayPool.MaxLengths; length++)
        {
            pool.Return(new byte[length]);
        }

        pool.Count.Should().Be(OutputArrayPool.MaxLengths);
        var newcomer = new byte[OutputArrayPool.MaxLengths + 1];
        pool.Return(newcomer);

        pool.Count.Should().Be(1);
        pool.Rent(newcomer.Length).Should().BeSameAs(newcomer);
    }

    [Fact]
    public void RentAndReturn_FromManyThreads_NeverHandOneArrayToTwoRenters()
    {
        var pool = new OutputArrayPool();
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<byte[], bool>(ReferenceEqualityComparer.Instance);
        var clashes = 0;
        Parallel.For(0, 20_000, i =>
        {
            var array = pool.Rent(10 + (i % 5));
            if (!inUse.TryAdd(array, true))
            {
                Interlocked.Increment(ref clashes);
            }

            inUse.TryRemove(array, out _);
            pool.Return(array);
        });

        clashes.Should().Be(0);
    }
}
