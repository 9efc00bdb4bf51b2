namespace Bijie.Actors.Grains.Demo;

/// <summary>How far a demo project has come.</summary>
public enum DemoStage
{
    InLibrary,
    Planned,
    InProgress,
    Completed,
}
