namespace AIMass.Trainer.Protocol;

/// <summary>
/// The silo-trainer protocol: one JSON object per line over a Unix socket the silo listens on and the trainer connects
/// to. The trainer says <c>hello</c> (with its protocol version and process id); then, per job, the silo sends
/// <c>start</c>, the trainer sends <c>epoch</c> reports (each answered by a <c>verdict</c>) and ends with <c>result</c>
/// or <c>failure</c>; it sends a <c>heartbeat</c> with its memory every second throughout. <c>cancel</c> stops the
/// running job; <c>shutdown</c> ends the process. A version mismatch ends the connection.
/// </summary>
public static class TrainerProtocol
{
    /// <summary>Raised when a message changes meaning; both sides refuse a peer that speaks another version.</summary>
    public const int Version = 1;

    public const string Hello = "hello";
    public const string Start = "start";
    public const string Epoch = "epoch";
    public const string Verdict = "verdict";
    public const string Heartbeat = "heartbeat";
    public const string Result = "result";
    public const string Failure = "failure";
    public const string Cancel = "cancel";
    public const string Shutdown = "shutdown";

    /// <summary>How often the trainer reports that it is alive (and its memory).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
}
