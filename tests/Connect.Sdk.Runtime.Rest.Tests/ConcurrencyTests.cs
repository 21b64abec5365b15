using Connect.Sdk.Runtime.Rest.Tests.Support;

namespace Connect.Sdk.Runtime.Rest.Tests;

[Collection(WorkerCollection.Name)]
public class ConcurrencyTests(WorkerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task ParallelCreateUpdateDeleteOfOneConnector_EndsConsistent()
    {
        const string name = "contested";
        var topics = Enumerable.Range(0, 6).Select(i => $"contested-{i}").ToArray();
        var existed = false;
        for (var round = 0; round < 3; round++)
        {
            var requests = Enumerable.Range(0, 24).Select(i => (i % 6) switch
            {
                0 or 1 => (Kind: "PUT", Call: Http.PutJsonAsync($"/connectors/{name}/config", Support.Http.SourceConfig(topics[i % topics.Length]))),
                2 => (Kind: "POST", Call: Http.PostJsonAsync("/connectors", $$"""{"name": "{{name}}", "config": {{Support.Http.SourceConfig(topics[0])}}}""")),
                3 => (Kind: "PATCH", Call: Http.PatchJsonAsync($"/connectors/{name}/config", $$"""{"topic": "{{topics[i % topics.Length]}}"}""")),
                _ => (Kind: "DELETE", Call: Http.DeleteJsonAsync($"/connectors/{name}")),
            }).ToList();
            await Task.WhenAll(requests.Select(r => r.Call));
            var results = requests.Select(r => (r.Kind, Status: r.Call.Result.Status, Body: r.Call.Result.Body?.ToJsonString())).ToList();

            results.Should().OnlyContain(r => r.Status == 200 || r.Status == 201 || r.Status == 204 || r.Status == 404 || r.Status == 409,
                string.Join("\n", results.Select(r => $"{r.Kind} {r.Status} {r.Body}")));
            results.Where(r => r.Kind == "PUT").Select(r => r.Status).Should().OnlyContain(s => s == 200 || s == 201);
            results.Where(r => r.Kind == "POST").Select(r => r.Status).Should().OnlyContain(s => s == 201 || s == 409);
            results.Where(r => r.Kind == "PATCH").Select(r => r.Status).Should().OnlyContain(s => s == 200 || s == 404);
            results.Where(r => r.Kind == "DELETE").Select(r => r.Status).Should().OnlyContain(s => s == 204 || s == 404);

            // Changes were applied one at a time: creations and deletions alternate, so their counts differ by the
            // final existence of the connector, and every view agrees on it.
            var created = results.Count(r => r.Status == 201);
            var deleted = results.Count(r => r.Kind == "DELETE" && r.Status == 204);
            var listed = (await Http.GetJsonAsync("/connectors")).Body!.AsArray().Any(n => (string?)n == name);
            var (infoStatus, info) = await Http.GetJsonAsync($"/connectors/{name}");
            ((existed ? 1 : 0) + created - deleted).Should().Be(listed ? 1 : 0, $"round {round}: existed {existed}, {created} created, {deleted} deleted");
            existed = listed;
            infoStatus.Should().Be(listed ? 200 : 404);
            if (listed)
            {
                topics.Should().Contain(info!["config"]!["topic"]!.GetValue<string>());
                var status = await Http.EventuallyAsync($"/connectors/{name}/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");
                status["tasks"]!.AsArray().Should().ContainSingle();
                fixture.Worker.Runtime.Worker.TasksOf(name).Should().ContainSingle();
            }
            else
            {
                fixture.Worker.Runtime.Worker.TasksOf(name).Should().BeEmpty();
            }
        }

        await Http.DeleteJsonAsync($"/connectors/{name}");
        fixture.Worker.Runtime.Worker.TasksOf(name).Should().BeEmpty();
    }
}
