using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests;

public sealed class TaskDetectorTests
{
    [Fact]
    public void Detects_the_samples()
    {
        Assert.Equal(TaskKind.Classification, TaskDetector.Detect(Samples.Iris, "species"));
        Assert.Equal(TaskKind.Classification, TaskDetector.Detect(Samples.Digits, "digit"));
        Assert.Equal(TaskKind.Regression, TaskDetector.Detect(Samples.Diabetes, "progression"));
    }

    [Fact]
    public void Reads_booleans_as_classes_and_fractions_as_values()
    {
        Assert.Equal(TaskKind.Classification, TaskDetector.Detect(Samples.Parse("x,y\n1,yes\n2,no\n3,yes\n"), "y"));
        Assert.Equal(TaskKind.Regression, TaskDetector.Detect(Samples.Parse("x,y\n1,0.5\n2,1.5\n3,2.25\n4,7\n"), "y"));
        Assert.Throws<ArgumentException>(() => TaskDetector.Detect(Samples.Iris, "nope"));
    }
}
