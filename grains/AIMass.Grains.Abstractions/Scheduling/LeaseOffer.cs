namespace AIMass.Grains.Scheduling;

/// <summary>The scheduler's answer to a free worker: a ticket and the lease id to start it with.</summary>
[GenerateSerializer, Immutable, Alias("aimass.lease-offer")]
public sealed record LeaseOffer(
    [property: Id(0)] JobTicket Ticket,
    [property: Id(1)] string LeaseId);
