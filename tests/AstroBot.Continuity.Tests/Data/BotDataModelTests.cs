using AstroBot.Continuity.Data;
using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Tests.Data;

public sealed class BotDataModelTests
{
    [Fact]
    public void Containers_All_PartitionedByWaIdWithOneDocumentTypeEach()
    {
        var sut = BotDataModel.Containers;

        Assert.Equal(["accounts", "profiles", "preferences", "subscriptions", "readings", "messages"], sut.Select(container => container.Name));
        Assert.All(sut, container => Assert.Equal("/wa_id", container.PartitionKeyPath));
        Assert.Equal(sut.Count, sut.Select(container => container.DocumentType).Distinct().Count());
    }

    [Fact]
    public void ContainerFor_KnownType_ReturnsItsContainer() =>
        Assert.Equal("readings", BotDataModel.ContainerFor(DocumentTypes.Reading).Name);

    [Fact]
    public void ContainerFor_UnknownType_Throws() =>
        Assert.Throws<ArgumentException>(() => BotDataModel.ContainerFor("horoscope"));
}
