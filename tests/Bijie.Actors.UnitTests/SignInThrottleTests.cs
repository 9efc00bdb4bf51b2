using System.Net;
using Bijie.Actors.Web.Security;

namespace Bijie.Actors.UnitTests;

/// <summary>Failed sign-ins slow the next attempt from the same place, growing, capped, and never lock an account for others.</summary>
public sealed class SignInThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly IPAddress Here = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress There = IPAddress.Parse("198.51.100.9");

    private readonly Clock clock = new();
    private readonly SignInThrottle throttle;

    public SignInThrottleTests() => throttle = new SignInThrottle(new WebSecurityOptions(), clock);

    private void Fail(string name, IPAddress address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.TryBegin(name, address));
        }
    }

    [Fact]
    public void After_three_failures_the_wait_starts_at_a_second_doubles_and_stops_at_a_minute()
    {
        Fail("office", Here, 3);
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.TryBegin("office", Here));
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            clock.Now += throttle.TryBegin("office", Here);
            Assert.Equal(TimeSpan.Zero, throttle.TryBegin("office", Here)); // let through, and failed
            waits.Add(throttle.TryBegin("office", Here));
        }

        Assert.Equal([2, 4, 8, 16, 32, 60, 60, 60], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public void A_strangers_failures_never_slow_the_owner_from_another_address_and_a_success_starts_afresh()
    {
        Fail("office", There, 3);
        Assert.NotEqual(TimeSpan.Zero, throttle.TryBegin("office", There));
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("office", Here));
        throttle.Succeeded("office", Here);

        Fail("minge", Here, 3);
        clock.Now += throttle.TryBegin("minge", Here);
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("minge", Here));
        throttle.Succeeded("minge", Here);
        Fail("minge", Here, 3); // forgiven: three free failures again
    }

    [Fact]
    public void Attempts_let_through_count_before_their_answer_so_parallel_guesses_cannot_slip_in()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.TryBegin("office", Here));
        }

        Assert.NotEqual(TimeSpan.Zero, throttle.TryBegin("office", Here));
    }

    [Fact]
    public void An_address_trying_many_names_waits_after_twenty_failures_and_its_whole_ipv6_block_with_it()
    {
        for (var i = 0; i < 20; i++)
        {
            Fail($"name{i}", IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"), 1);
        }

        Assert.Equal(TimeSpan.FromSeconds(1), throttle.TryBegin("fresh-name", IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("fresh-name", IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Theory]
    [InlineData("/office.html?tab=review#x", "/office.html?tab=review#x")]
    [InlineData("/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/a\\b", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Only_a_path_of_this_site_is_a_return_address(string? asked, string safe) => Assert.Equal(safe, ReturnUrls.Safe(asked));
}
