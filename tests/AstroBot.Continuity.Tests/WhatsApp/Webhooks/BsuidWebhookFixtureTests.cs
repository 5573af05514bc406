using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using static AstroBot.Continuity.Tests.WhatsApp.Webhooks.BsuidFixtures;

namespace AstroBot.Continuity.Tests.WhatsApp.Webhooks;

/// <summary><see cref="WebhookPayloadParser"/> over the held BSUID payloads from Meta's documentation, one test per file.</summary>
public class BsuidWebhookFixtureTests
{
    private const string InboundWamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
    private const string StatusWamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";
    private const string SystemWamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";
    private const string Question = "Does it come in another color?";

    [Fact]
    public void Fixtures_Folder_HoldsExactlyTheFilesTestedHere()
    {
        // A fixture added to the folder without a test of its own fails here.
        Assert.Equal(
            [
                "interactive-bsuid-only.json",
                "malformed-no-sender.json",
                "status-delivered-bsuid-only.json",
                "status-failed-bsuid-only.json",
                "status-failed-phone-only.json",
                "status-read-phone-and-bsuid.json",
                "system-user-changed-number-legacy.json",
                "system-user-changed-number.json",
                "system-user-changed-user-id.json",
                "text-bsuid-only-username.json",
                "text-bsuid-with-parent.json",
                "text-phone-and-bsuid.json",
            ],
            All);
    }

    [Fact]
    public void Parse_TextPhoneAndBsuid_SenderHasBoth()
    {
        var message = SingleMessage("text-phone-and-bsuid.json");

        Assert.Equal(
            new InboundMessage(InboundWamid, new UserIdentifiers(Phone, Bsuid), PhoneNumberId,
                DateTimeOffset.FromUnixTimeSeconds(1749416383), "text", Question, null, "Sheena Nelson"),
            message);
        Assert.Equal(MessageRecipient.ToPhone(Phone), message.Sender.ReplyAddress);
    }

    [Fact]
    public void Parse_TextBsuidOnlyWithUsername_SenderHasBsuidAndUsernameFromContactsAndNoPhone()
    {
        var message = SingleMessage("text-bsuid-only-username.json");

        Assert.Equal(
            new InboundMessage(InboundWamid, new UserIdentifiers(null, Bsuid, null, "realsheenanelson"), PhoneNumberId,
                DateTimeOffset.FromUnixTimeSeconds(1749416383), "text", Question, null, "Sheena Nelson"),
            message);
        Assert.Equal(MessageRecipient.ToBsuid(Bsuid), message.Sender.ReplyAddress);
    }

    [Fact]
    public void Parse_TextBsuidWithParent_SenderHasParentBsuid()
    {
        var message = SingleMessage("text-bsuid-with-parent.json");

        Assert.Equal(new UserIdentifiers(null, Bsuid, ParentBsuid, "realsheenanelson"), message.Sender);
        Assert.Equal(("Sheena Nelson", Question), (message.ProfileName, message.Text));
    }

    [Fact]
    public void Parse_InteractiveBsuidOnly_ReplyReadAndContextFromIsNotTheSender()
    {
        var message = SingleMessage("interactive-bsuid-only.json");

        // context.from is the business's own number: it must not become the user's phone number.
        Assert.Equal(
            new InboundMessage(InboundWamid, new UserIdentifiers(null, Bsuid, null, "realsheenanelson"), PhoneNumberId,
                DateTimeOffset.FromUnixTimeSeconds(1739321024), "interactive", "Cancel", "cancel-button", "Sheena Nelson"),
            message);
    }

    [Fact]
    public void Parse_StatusDeliveredBsuidOnly_RecipientHasBsuidAndUsernameAndNoPhone()
    {
        var status = SingleStatus("status-delivered-bsuid-only.json");

        Assert.Equal(
            (StatusWamid, new UserIdentifiers(null, Bsuid, null, "pablomorales"), MessageStatus.Delivered, DateTimeOffset.FromUnixTimeSeconds(1750030073)),
            (status.Wamid, status.Recipient, status.Status, status.Timestamp));
        Assert.Empty(status.Errors);
    }

    [Fact]
    public void Parse_StatusReadPhoneAndBsuid_RecipientHasBoth()
    {
        var status = SingleStatus("status-read-phone-and-bsuid.json");

        Assert.Equal(
            (new UserIdentifiers(Phone, Bsuid), MessageStatus.Read, DateTimeOffset.FromUnixTimeSeconds(1750030135)),
            (status.Recipient, status.Status, status.Timestamp));
        Assert.Empty(status.Errors);
    }

    [Fact]
    public void Parse_StatusFailedBsuidOnly_RecipientHasBsuidAndErrorRead()
    {
        var status = SingleStatus("status-failed-bsuid-only.json");

        Assert.Equal((new UserIdentifiers(null, Bsuid), MessageStatus.Failed), (status.Recipient, status.Status));
        var error = Assert.Single(status.Errors);
        Assert.Equal((131026, "Message undeliverable", "Message Undeliverable."), (error.Code, error.Title, error.Details));
    }

    [Fact]
    public void Parse_StatusFailedPhoneOnly_RecipientHasPhoneAndNoBsuid()
    {
        var status = SingleStatus("status-failed-phone-only.json");

        Assert.Equal((new UserIdentifiers(Phone, null), MessageStatus.Failed), (status.Recipient, status.Status));
        Assert.Equal(131049, Assert.Single(status.Errors).Code);
    }

    [Fact]
    public void Parse_SystemUserChangedNumber_IdentityChangeFromOldPhoneAndBsuidToNewOnes()
    {
        var change = SingleIdentityChange("system-user-changed-number.json");

        Assert.Equal(
            new IdentityChange(
                SystemWamid,
                IdentityChangeKind.NumberChanged,
                Previous: new UserIdentifiers(Phone, Bsuid),
                Current: new UserIdentifiers(NewPhone, NewBsuid),
                DateTimeOffset.FromUnixTimeSeconds(1739321024)),
            change);
    }

    [Fact]
    public void Parse_SystemUserChangedUserId_IdentityChangeToNewBsuidWithoutPhone()
    {
        var change = SingleIdentityChange("system-user-changed-user-id.json");

        Assert.Equal(
            new IdentityChange(
                SystemWamid,
                IdentityChangeKind.BsuidChanged,
                Previous: new UserIdentifiers(null, Bsuid),
                Current: new UserIdentifiers(null, NewBsuid),
                DateTimeOffset.FromUnixTimeSeconds(1739321024)),
            change);
    }

    [Fact]
    public void Parse_SystemUserChangedNumberLegacy_IdentityChangeOfPhonesOnly()
    {
        var change = SingleIdentityChange("system-user-changed-number-legacy.json");

        Assert.Equal(
            (IdentityChangeKind.NumberChanged, new UserIdentifiers(Phone, null), new UserIdentifiers(NewPhone, null)),
            (change.Kind, change.Previous, change.Current));
    }

    [Fact]
    public void Parse_MalformedNoSender_InvalidNamingTheMessage()
    {
        var result = WebhookPayloadParser.Parse(Read(MalformedNoSender));

        Assert.False(result.IsValid);
        Assert.Equal("$.entry[0].changes[0].value.messages[0] has neither from nor from_user_id", result.Error);
    }

    private static WebhookBatch ParseValid(string fixture)
    {
        var result = WebhookPayloadParser.Parse(Read(fixture));
        Assert.True(result.IsValid, result.Error);
        Assert.Empty(result.Batch!.Errors);
        return result.Batch;
    }

    private static InboundMessage SingleMessage(string fixture)
    {
        var batch = ParseValid(fixture);
        Assert.Empty(batch.Statuses);
        Assert.Empty(batch.IdentityChanges);
        return Assert.Single(batch.Messages);
    }

    private static MessageStatusUpdate SingleStatus(string fixture)
    {
        var batch = ParseValid(fixture);
        Assert.Empty(batch.Messages);
        Assert.Empty(batch.IdentityChanges);
        return Assert.Single(batch.Statuses);
    }

    private static IdentityChange SingleIdentityChange(string fixture)
    {
        var batch = ParseValid(fixture);
        Assert.Empty(batch.Messages);
        Assert.Empty(batch.Statuses);
        return Assert.Single(batch.IdentityChanges);
    }
}
