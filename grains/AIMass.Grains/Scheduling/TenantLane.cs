namespace AIMass.Grains.Scheduling;

/// <summary>One tenant's part of the fair-share queue: its tickets (round robin over its studies), deficit and limits.</summary>
internal sealed class TenantLane(string tenantId)
{
    private readonly Dictionary<string, Queue<JobTicket>> _byStudy = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _studyOrder = new();

    public string TenantId { get; } = tenantId;
    public double Weight { get; set; } = 1;
    public int MaxConcurrent { get; set; } = int.MaxValue;
    public string? BlockedReason { get; set; }
    public bool PolicyKnown { get; set; }
    public double Deficit { get; set; }
    public int Running { get; set; }
    public int Queued { get; private set; }
    public long Started { get; set; }

    public void Add(JobTicket ticket)
    {
        if (!_byStudy.TryGetValue(ticket.StudyKey, out var queue))
        {
            queue = new Queue<JobTicket>();
            _byStudy[ticket.StudyKey] = queue;
            _studyOrder.AddLast(ticket.StudyKey);
        }
        queue.Enqueue(ticket);
        Queued++;
    }

    /// <summary>Whether any study of this lane has a ticket the worker may run.</summary>
    public bool HasTicketFor(WorkerDescriptor worker) =>
        _byStudy.Values.Any(q => q.Count > 0 && worker.Accepts(q.Peek().Device));

    /// <summary>Takes the next ticket the worker accepts, rotating over studies so that each gets its turn.</summary>
    public JobTicket? Take(WorkerDescriptor worker, Func<JobTicket, bool> stillQueued)
    {
        for (var node = _studyOrder.First; node is not null;)
        {
            var next = node.Next;
            var queue = _byStudy[node.Value];
            // Tickets removed elsewhere were already uncounted by Forget: drop them without counting.
            while (queue.Count > 0 && !stillQueued(queue.Peek()))
            {
                queue.Dequeue();
            }
            if (queue.Count == 0)
            {
                _byStudy.Remove(node.Value);
                _studyOrder.Remove(node);
            }
            else if (worker.Accepts(queue.Peek().Device))
            {
                var ticket = queue.Dequeue();
                Queued--;
                _studyOrder.Remove(node);
                if (queue.Count > 0) _studyOrder.AddLast(node.Value);
                else _byStudy.Remove(node.Value);
                return ticket;
            }
            node = next;
        }
        return null;
    }

    /// <summary>A ticket removed elsewhere (cancelled) is skipped lazily; this keeps the count right.</summary>
    public void Forget() => Queued = Math.Max(0, Queued - 1);

    public IEnumerable<JobTicket> Tickets => _byStudy.Values.SelectMany(q => q);
}
