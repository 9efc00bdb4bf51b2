using Bijie.Actors.Abstractions.Configuration;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// Bounds the hub calls one connection makes per second (<see cref="LiveOptions.CallsPerSecondPerConnection"/>):
/// a call over it is refused with a <see cref="HubException"/> and does nothing. A one-second window per connection,
/// kept in the connection's items: no timer per connection.
/// </summary>
public sealed class BoardHubCallLimit(IOptions<LiveOptions> options) : IHubFilter
{
    private const string WindowItem = "call-window";

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var limit = Math.Max(1, options.Value.CallsPerSecondPerConnection);
        if (!Window(invocationContext.Context).TryTake(limit))
        {
            throw new HubException($"Too many calls on this connection: at most {limit} a second.");
        }

        return next(invocationContext);
    }

    private static CallWindow Window(HubCallerContext context)
    {
        lock (context.Items)
        {
            if (context.Items.TryGetValue(WindowItem, out var found) && found is CallWindow window)
            {
                return window;
            }

            var created = new CallWindow();
            context.Items[WindowItem] = created;
            return created;
        }
    }

    private sealed class CallWindow
    {
        private long started = Stopwatch.GetTimestamp();
        private int calls;

        public bool TryTake(int limit)
        {
            lock (this)
            {
                if (Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(1))
                {
                    started = Stopwatch.GetTimestamp();
                    calls = 0;
                }

                return ++calls <= limit;
            }
        }
    }
}
