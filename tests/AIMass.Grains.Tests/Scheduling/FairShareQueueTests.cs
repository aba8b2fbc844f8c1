using AIMass.Grains.Scheduling;

namespace AIMass.Grains.Tests.Scheduling;

public sealed class FairShareQueueTests
{
    private static readonly WorkerDescriptor Cpu = new() { WorkerId = "s/cpu", Silo = "s", Device = "cpu", Slots = 1000 };
    private static readonly WorkerDescriptor Gpu = new() { WorkerId = "g/cuda:0", Silo = "g", Device = "cuda:0", Slots = 1000 };

    private static JobTicket Ticket(string tenant, string study, int n, string device = "any") => new()
    {
        TrialKey = $"{tenant}/{study}/{n}", TenantId = tenant, StudyKey = $"{tenant}/{study}", Device = device,
    };

    [Fact]
    public void Late_tenant_starts_before_the_busy_tenant_takes_a_second_slot()
    {
        var queue = new FairShareQueue();
        for (var s = 0; s < 50; s++)
            for (var n = 0; n < 2; n++) queue.Enqueue(Ticket("a", $"s{s}", n));
        queue.Enqueue(Ticket("b", "only", 0));

        var order = Enumerable.Range(0, 6).Select(_ => queue.Dequeue(Cpu)!.TenantId).ToList();

        Assert.Contains("b", order.Take(2));
        Assert.Equal(1, order.Count(t => t == "b"));
    }

    [Fact]
    public void Weights_set_the_share_of_starts()
    {
        var queue = new FairShareQueue();
        queue.SetPolicy("heavy", 3, int.MaxValue, null);
        queue.SetPolicy("light", 1, int.MaxValue, null);
        for (var n = 0; n < 400; n++)
        {
            queue.Enqueue(Ticket("heavy", "s", n));
            queue.Enqueue(Ticket("light", "s", n));
        }

        var starts = Enumerable.Range(0, 200).Select(_ => queue.Dequeue(Cpu)!.TenantId).ToList();

        Assert.Equal(150, starts.Count(t => t == "heavy"));
        Assert.Equal(50, starts.Count(t => t == "light"));
    }

    [Fact]
    public void Concurrency_limit_and_block_hold_a_tenant_back_without_starving_others()
    {
        var queue = new FairShareQueue();
        queue.SetPolicy("limited", 1, 2, null);
        queue.SetPolicy("blocked", 1, 10, "quota spent");
        for (var n = 0; n < 5; n++)
        {
            queue.Enqueue(Ticket("limited", "s", n));
            queue.Enqueue(Ticket("blocked", "s", n));
            queue.Enqueue(Ticket("free", "s", n));
        }

        var starts = Enumerable.Range(0, 7).Select(_ => queue.Dequeue(Cpu)?.TenantId).ToList();

        Assert.Equal(2, starts.Count(t => t == "limited"));
        Assert.Equal(0, starts.Count(t => t == "blocked"));
        Assert.Equal(5, starts.Count(t => t == "free"));
        Assert.Null(queue.Dequeue(Cpu));

        queue.Remove("limited/s/0");
        Assert.Equal("limited", queue.Dequeue(Cpu)!.TenantId);
        Assert.Equal("waiting: quota spent", queue.ExplainWait("blocked/s", [Cpu]));
    }

    [Fact]
    public void Gpu_tickets_go_only_to_gpu_workers_and_say_why_they_wait()
    {
        var queue = new FairShareQueue();
        queue.Enqueue(Ticket("t", "gpu-study", 0, "gpu"));
        queue.Enqueue(Ticket("t", "cpu-study", 0, "cpu"));

        Assert.Equal("t/cpu-study/0", queue.Dequeue(Cpu)!.TrialKey);
        Assert.Null(queue.Dequeue(Cpu));
        Assert.Equal("waiting: no worker offers a gpu device (no gpu silo is in the cluster)", queue.ExplainWait("t/gpu-study", [Cpu]));
        Assert.Equal("t/gpu-study/0", queue.Dequeue(Gpu)!.TrialKey);
    }

    [Fact]
    public void Studies_of_one_tenant_take_turns()
    {
        var queue = new FairShareQueue();
        for (var n = 0; n < 3; n++) queue.Enqueue(Ticket("t", "first", n));
        queue.Enqueue(Ticket("t", "second", 0));

        var keys = Enumerable.Range(0, 4).Select(_ => queue.Dequeue(Cpu)!.StudyKey).ToList();

        Assert.Equal(["t/first", "t/second", "t/first", "t/first"], keys);
    }

    [Fact]
    public void Enqueue_is_idempotent_and_removed_tickets_never_start()
    {
        var queue = new FairShareQueue();
        Assert.True(queue.Enqueue(Ticket("t", "s", 0)));
        Assert.False(queue.Enqueue(Ticket("t", "s", 0)));
        queue.Enqueue(Ticket("t", "s", 1));
        queue.Remove("t/s/0");

        Assert.Equal("t/s/1", queue.Dequeue(Cpu)!.TrialKey);
        Assert.Null(queue.Dequeue(Cpu));
        Assert.Equal(0, queue.QueuedCount);
        Assert.Equal(1, queue.RunningCount);
    }
}
