using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed record PairingRow(StartPairing Start, DateOnly? End, string? EndReason);
