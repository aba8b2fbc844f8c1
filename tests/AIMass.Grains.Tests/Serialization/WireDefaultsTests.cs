using System.Reflection;
using AIMass.Grains.Studies;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace AIMass.Grains.Tests.Serialization;

/// <summary>
/// Every wire record (grain arguments, results and grain state) survives the Orleans serializer with each settable
/// property set to its type's default value, even where the property's initializer gives another value (a
/// <c>bool</c> that defaults to true, say). In-process calls copy objects instead of serialising them, so only a
/// round trip through the serializer, as between silo processes, shows such a loss.
/// </summary>
public sealed class WireDefaultsTests(ITestOutputHelper output)
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer(b =>
    {
        b.AddAssembly(typeof(StudySpec).Assembly);
        b.AddAssembly(typeof(AIMass.Grains.Studies.StudyState).Assembly);
    }).BuildServiceProvider().GetRequiredService<Serializer>();

    public static IEnumerable<object[]> WireTypes() =>
        new[] { typeof(StudySpec).Assembly, typeof(AIMass.Grains.Studies.StudyState).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && t.IsDefined(typeof(GenerateSerializerAttribute))
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName)
            .Select(t => new object[] { t });

    [Fact]
    public void Study_spec_keeps_a_false_distill_flag_and_meta_learning_opt_out()
    {
        var spec = new StudySpec { Name = "n", DatasetId = "d", Target = "t", Distill = false, UseMetaLearning = false };
        var copy = Serializer.Deserialize<StudySpec>(Serializer.SerializeToArray(spec))!;
        Assert.False(copy.Distill);
        Assert.False(copy.UseMetaLearning);
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Default_values_round_trip_even_where_the_initializer_differs(Type type)
    {
        var instance = Activator.CreateInstance(type)!;
        var changed = new List<PropertyInfo>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0 || !property.PropertyType.IsValueType) continue;
            var initial = property.GetValue(instance);
            var zero = Activator.CreateInstance(property.PropertyType);
            if (Equals(initial, zero)) continue;
            property.SetValue(instance, zero);
            changed.Add(property);
        }
        var copy = Serializer.Deserialize<object>(Serializer.SerializeToArray<object>(instance))!;
        foreach (var property in changed)
        {
            output.WriteLine($"{type.Name}.{property.Name}");
            Assert.True(Equals(property.GetValue(instance), property.GetValue(copy)),
                $"{type.Name}.{property.Name} was {property.GetValue(instance)} before the round trip and {property.GetValue(copy)} after it");
        }
    }
}
