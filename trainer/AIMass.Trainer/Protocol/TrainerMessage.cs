namespace AIMass.Trainer.Protocol;

/// <summary>One protocol message; <see cref="Type"/> says which of the optional fields it carries (see <see cref="TrainerProtocol"/>).</summary>
public sealed record TrainerMessage
{
    public required string Type { get; init; }

    /// <summary><c>hello</c>: the trainer's protocol version and process id.</summary>
    public int? Protocol { get; init; }
    public int? ProcessId { get; init; }

    /// <summary><c>start</c>: the job to run.</summary>
    public TrainerJob? Job { get; init; }

    /// <summary><c>epoch</c>: the epoch (or fold) just finished and its validation score.</summary>
    public int? EpochNumber { get; init; }
    public double? Value { get; init; }

    /// <summary><c>verdict</c>: continue, stop or abandon (see <see cref="JobVerdicts"/>).</summary>
    public string? Decision { get; init; }

    /// <summary><c>heartbeat</c>: resident memory of the trainer process now and at its peak, in bytes.</summary>
    public long? ResidentBytes { get; init; }
    public long? PeakResidentBytes { get; init; }

    /// <summary><c>result</c>: what the job produced (its artifact is the file the job named).</summary>
    public TrainerJobResult? Result { get; init; }

    /// <summary><c>failure</c>: why the job ended without a result (see <see cref="FailureKinds"/>) and the error.</summary>
    public string? FailureKind { get; init; }
    public string? Error { get; init; }
}
