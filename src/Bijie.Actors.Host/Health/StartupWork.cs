namespace Bijie.Actors.Host.Health;

/// <summary>Tracks the work a host must finish after its silo starts and before it reports ready.</summary>
public sealed class StartupWork
{
    private volatile string pending = "waiting for the silo";
    private volatile bool done;

    public bool IsDone => done;

    public string Pending => pending;

    public void Report(string what) => pending = what;

    public void Complete()
    {
        pending = "";
        done = true;
    }
}
