using AIMass.Client.Datasets;
using AIMass.Grains.Security;

namespace AIMass.Client.Tests.Datasets;

public sealed class DatasetIdsTests
{
    [Theory]
    [InlineData("digits.csv", "digits")]
    [InlineData("/data/My Data (2).csv", "My-Data-2")]
    [InlineData("sales_2024.v1.csv", "sales_2024.v1")]
    [InlineData("--odd--.csv", "odd")]
    public void Ids_are_derived_from_file_names_and_are_valid(string fileName, string id)
    {
        Assert.Equal(id, DatasetIds.FromFileName(fileName));
        Assert.Equal(id, GrainKeys.ValidateId(id, "Data set"));
    }

    [Fact]
    public void A_name_without_usable_characters_is_refused_and_long_names_are_cut()
    {
        Assert.Throws<ArgumentException>(() => DatasetIds.FromFileName("(((.csv"));
        Assert.Equal(64, DatasetIds.FromFileName(new string('a', 100) + ".csv").Length);
    }
}
