namespace Bijie.Actors.Demo;

/// <summary>How far a demo project has come.</summary>
public enum DemoStage
{
    InLibrary,
    Planned,
    InProgress,
    Completed,
}
