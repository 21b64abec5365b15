using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Tests.Connectors;

public class HeadersTests
{
    [Fact]
    public void TypedAdds_AttachMatchingSchemas()
    {
        var headers = new Headers()
            .AddString("s", "v")
            .AddBoolean("b", true)
            .AddInt8("i8", 1)
            .AddInt16("i16", 2)
            .AddInt32("i32", 3)
            .AddInt64("i64", 4)
            .AddFloat32("f32", 1.5f)
            .AddFloat64("f64", 2.5)
            .AddBytes("bytes", [1])
            .AddDecimal("dec", 1.25m)
            .AddDate("date", new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc))
            .AddTime("time", DateTime.UnixEpoch.AddHours(1))
            .AddTimestamp("ts", DateTime.UnixEpoch);

        headers.Count.Should().Be(13);
        headers.LastWithName("s")!.Schema.Should().Be(Schema.OptionalString);
        headers.LastWithName("i64")!.Schema.Should().Be(Schema.Int64);
        headers.LastWithName("dec")!.Schema.Should().Be(ConnectDecimal.Schema(2));
        headers.LastWithName("date")!.Schema.Should().Be(ConnectDate.Schema);
        headers.LastWithName("ts")!.Value.Should().Be(DateTime.UnixEpoch);
    }

    [Fact]
    public void AddDate_WithTimeOfDay_Throws()
    {
        var act = () => new Headers().AddDate("d", DateTime.UnixEpoch.AddHours(3));

        act.Should().Throw<DataException>();
    }

    [Fact]
    public void Add_ValueNotMatchingSchema_ThrowsNamingKey()
    {
        var act = () => new Headers().Add("count", Schema.Int32, "many");

        act.Should().Throw<DataException>().WithMessage("*field \"count\"*");
    }

    [Fact]
    public void AddStruct_Incomplete_Throws()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();

        var act = () => new Headers().AddStruct("s", new Struct(schema));

        act.Should().Throw<DataException>();
    }

    [Fact]
    public void LastWithName_AndAllWithName_RespectOrder()
    {
        var headers = new Headers().AddString("k", "1").AddString("other", "x").AddString("k", "2");

        headers.LastWithName("k")!.Value.Should().Be("2");
        headers.AllWithName("k").Select(h => h.Value).Should().Equal("1", "2");
        headers.LastWithName("none").Should().BeNull();
    }

    [Fact]
    public void RetainLatest_ForKey_KeepsOnlyTheLastOne()
    {
        var headers = new Headers().AddString("k", "1").AddString("other", "x").AddString("k", "2");

        headers.RetainLatest("k");

        headers.Select(h => (h.Key, h.Value)).Should().Equal(("other", (object?)"x"), ("k", "2"));
    }

    [Fact]
    public void RetainLatest_AllKeys_KeepsLatestOfEachInOrder()
    {
        var headers = new Headers().AddString("a", "1").AddString("b", "1").AddString("a", "2");

        headers.RetainLatest();

        headers.Select(h => (h.Key, h.Value)).Should().Equal(("b", (object?)"1"), ("a", "2"));
    }

    [Fact]
    public void Remove_DropsEveryHeaderWithKey()
    {
        var headers = new Headers().AddString("a", "1").AddString("b", "1").AddString("a", "2");

        headers.Remove("a");

        headers.Select(h => h.Key).Should().Equal("b");
    }

    [Fact]
    public void Duplicate_IsIndependent()
    {
        var original = new Headers().AddString("a", "1");

        var copy = original.Duplicate().AddString("b", "2");

        original.Count.Should().Be(1);
        copy.Count.Should().Be(2);
    }

    [Fact]
    public void Apply_TransformsAndDrops()
    {
        var headers = new Headers().AddString("a", "1").AddString("b", "2");

        headers.Apply(h => h.Key == "a" ? h.Rename("z") : null);

        headers.Select(h => h.Key).Should().Equal("z");
    }

    [Fact]
    public void Equality_ComparesContentInOrder()
    {
        var a = new Headers().AddBytes("x", [1, 2]).AddString("y", "v");
        var b = new Headers().AddBytes("x", [1, 2]).AddString("y", "v");

        a.Equals(b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        b.Clear().IsEmpty.Should().BeTrue();
        a.Equals(b).Should().BeFalse();
    }

    [Fact]
    public void Header_WithAndRename_MakeNewHeaders()
    {
        var header = new Header("k", Schema.String, "v");

        header.With(Schema.Int32, 1).Should().Be(new Header("k", Schema.Int32, 1));
        header.Rename("n").Should().Be(new Header("n", Schema.String, "v"));
        header.Should().Be(new Header("k", Schema.String, "v"));
    }

    [Fact]
    public void Duplicate_ChangingTheOriginal_LeavesTheCopyAlone()
    {
        var original = new Headers().AddString("a", "1").AddString("b", "2");
        var copy = original.Duplicate();

        original.AddString("c", "3").Remove("a");

        copy.Select(h => h.Key).Should().Equal("a", "b");
        original.Select(h => h.Key).Should().Equal("b", "c");
    }

    [Fact]
    public void Duplicate_EveryChangeOnACopy_LeavesTheOriginalAlone()
    {
        var original = new Headers().AddString("a", "1").AddString("a", "2").AddString("b", "3");
        var changes = new Func<Headers, Headers>[]
        {
            h => h.AddString("c", "4"),
            h => h.Remove("a"),
            h => h.RetainLatest("a"),
            h => h.RetainLatest(),
            h => h.Clear(),
            h => h.Apply(header => header.Key == "b" ? null : header.Rename("z")),
        };

        foreach (var change in changes)
        {
            change(original.Duplicate());
        }

        original.Select(h => $"{h.Key}={h.Value}").Should().Equal("a=1", "a=2", "b=3");
    }

    [Fact]
    public void Duplicate_OfACopy_AndRecordsMadeFromRecords_AreIndependent()
    {
        var record = new SourceRecord(null, null, "t", headers: new Headers().AddString("a", "1"));
        var renamed = record.WithTopic("u");
        var again = renamed.WithTopic("v");

        renamed.Headers.AddString("b", "2");
        again.Headers.Remove("a");

        record.Headers.Select(h => h.Key).Should().Equal("a");
        renamed.Headers.Select(h => h.Key).Should().Equal("a", "b");
        again.Headers.Should().BeEmpty();
    }

    [Fact]
    public void EmptyHeaders_AddToOne_LeavesOthersEmpty()
    {
        var first = new Headers();
        var second = new Headers(null);
        var cleared = new Headers().AddString("x", "1").Clear();

        first.AddString("a", "1");
        cleared.AddString("b", "2");

        second.IsEmpty.Should().BeTrue();
        new Headers().IsEmpty.Should().BeTrue();
        first.Select(h => h.Key).Should().Equal("a");
        cleared.Select(h => h.Key).Should().Equal("b");
    }

    [Fact]
    public void AllWithName_IsDeferred_SeesHeadersAddedBeforeEnumeration()
    {
        var headers = new Headers().AddString("a", "1");
        var all = headers.AllWithName("a");

        headers.AddString("a", "2");

        all.Select(h => h.Value).Should().Equal("1", "2");
    }
}
