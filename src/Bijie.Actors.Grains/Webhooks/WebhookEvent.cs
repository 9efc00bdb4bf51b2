using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>An event to deliver; <see cref="Key"/> names it, so that an event announced twice is delivered once.</summary>
public sealed record WebhookEvent(string Key, string Type, DateTimeOffset OccurredAt, object Data);
