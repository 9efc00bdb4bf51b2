using System.Net;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

public sealed class LocalitiesApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task The_city_answers_with_its_level_and_its_eight_counties()
    {
        var city = await fixture.Host.GetJsonAsync("/api/v1/localities/5205");

        Assert.Equal("5205", city.GetProperty("code").GetString());
        Assert.Equal("毕节市", city.GetProperty("name").GetString());
        Assert.Equal("city", city.GetProperty("level").GetString());
        Assert.Equal(JsonValueKind.Null, city.GetProperty("parentCode").ValueKind);
        var children = city.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(8, children.Count);
        Assert.Contains(children, c => c.GetProperty("code").GetString() == "520527" && c.GetProperty("name").GetString() == "赫章县");
    }

    [Fact]
    public async Task A_village_answers_with_its_parent_and_no_children()
    {
        var village = await fixture.Host.GetJsonAsync("/api/v1/localities/520527004003");

        Assert.Equal("银山社区", village.GetProperty("name").GetString());
        Assert.Equal("village", village.GetProperty("level").GetString());
        Assert.Equal("520527004", village.GetProperty("parentCode").GetString());
        Assert.Empty(village.GetProperty("children").EnumerateArray());
    }

    [Theory]
    [InlineData("520599")]
    [InlineData("not-a-code")]
    [InlineData("520527004999")]
    public async Task An_unknown_code_in_the_path_answers_404_with_problem_details(string code)
    {
        using var response = await fixture.Host.Http.GetAsync($"/api/v1/localities/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("locality.unknown", problem.GetProperty("code").GetString());
        Assert.Contains(code, problem.GetProperty("detail").GetString());
    }
}
