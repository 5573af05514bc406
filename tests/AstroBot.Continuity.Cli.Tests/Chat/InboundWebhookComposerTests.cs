using System.Text.Json.Nodes;
using AstroBot.Continuity.Cli.Tests.Docs;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Cli.Tests.Chat;

/// <summary>
/// The webhooks the chat sends, against the examples of Meta's documentation held by the core's tests
/// (tests/AstroBot.Continuity.Tests/WhatsApp/Webhooks/Fixtures/bsuid): what a user writes and the two system messages.
/// </summary>
public class InboundWebhookComposerTests
{
    private const string PhoneNumberId = "106540352242922";
    private const string Phone = "16505551234";
    private const string NewPhone = "12195555358";
    private const string Bsuid = "US.13491208655302741918";
    private const string NewBsuid = "US.10448236590111734562";
    private const string TextWamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
    private const string SystemWamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";
    private const string Question = "Does it come in another color?";

    private static readonly DateTimeOffset TextSentAt = DateTimeOffset.FromUnixTimeSeconds(1749416383);
    private static readonly DateTimeOffset ChangedAt = DateTimeOffset.FromUnixTimeSeconds(1739321024);

    [Fact]
    public void TextMessage_PhoneAndBsuid_IsMetasShape()
    {
        var sut = InboundWebhookComposer.TextMessage(PhoneNumberId, new UserIdentifiers(Phone, Bsuid), "Sheena Nelson", TextWamid, Question, TextSentAt);

        AssertSameValue("text-phone-and-bsuid.json", sut);
    }

    [Fact]
    public void TextMessage_UsernameUserWithoutPhone_IsMetasShape()
    {
        var sut = InboundWebhookComposer.TextMessage(
            PhoneNumberId, new UserIdentifiers(null, Bsuid, null, "realsheenanelson"), "Sheena Nelson", TextWamid, Question, TextSentAt);

        AssertSameValue("text-bsuid-only-username.json", sut);
    }

    [Fact]
    public void NumberChanged_PhoneUser_IsMetasShape()
    {
        var sut = InboundWebhookComposer.NumberChanged(
            PhoneNumberId, new UserIdentifiers(Phone, Bsuid), new UserIdentifiers(NewPhone, NewBsuid), "Sheena Nelson", SystemWamid, ChangedAt);

        AssertSameValue("system-user-changed-number.json", sut);
    }

    [Fact]
    public void UserIdChanged_UserWithoutPhone_IsMetasShape()
    {
        var sut = InboundWebhookComposer.UserIdChanged(PhoneNumberId, Bsuid, NewBsuid, "Sheena Nelson", SystemWamid, ChangedAt);

        AssertSameValue("system-user-changed-user-id.json", sut);
    }

    [Fact]
    public void TextMessage_PhoneOnly_ParsesAsBeforeBsuids()
    {
        // The benchmark's senders: a phone number and nothing else.
        var sut = InboundWebhookComposer.TextMessage(PhoneNumberId, Phone, "Bench User", TextWamid, Question, TextSentAt);

        var message = Assert.Single(Parse(sut).Messages);
        Assert.Equal(new UserIdentifiers(Phone, null), message.Sender);
        Assert.DoesNotContain("user_id", System.Text.Encoding.UTF8.GetString(sut), StringComparison.Ordinal);
    }

    [Fact]
    public void NumberChanged_Parsed_IsTheChangeFromTheOldIdentifiersToTheNew()
    {
        var sut = InboundWebhookComposer.NumberChanged(
            PhoneNumberId, new UserIdentifiers(Phone, Bsuid), new UserIdentifiers(NewPhone, NewBsuid), "Sheena Nelson", SystemWamid, ChangedAt);

        var change = Assert.Single(Parse(sut).IdentityChanges);
        Assert.Equal(new IdentityChange(SystemWamid, IdentityChangeKind.NumberChanged, new UserIdentifiers(Phone, Bsuid), new UserIdentifiers(NewPhone, NewBsuid), ChangedAt), change);
    }

    [Fact]
    public void UserIdChanged_Parsed_ChangesOnlyTheBsuid()
    {
        var sut = InboundWebhookComposer.UserIdChanged(PhoneNumberId, Bsuid, NewBsuid, "Sheena Nelson", SystemWamid, ChangedAt);

        var change = Assert.Single(Parse(sut).IdentityChanges);
        Assert.Equal(new IdentityChange(SystemWamid, IdentityChangeKind.BsuidChanged, new UserIdentifiers(null, Bsuid), new UserIdentifiers(null, NewBsuid), ChangedAt), change);
    }

    [Fact]
    public void TextMessage_NeitherPhoneNorBsuid_Throws()
    {
        Assert.Throws<ArgumentException>(() => InboundWebhookComposer.TextMessage(PhoneNumberId, UserIdentifiers.None, "Nobody", TextWamid, Question, TextSentAt));
    }

    private static WebhookBatch Parse(byte[] body)
    {
        var result = WebhookPayloadParser.Parse(body);
        Assert.True(result.IsValid, result.Error);
        return result.Batch!;
    }

    // The change's value, but for the business's own metadata (the fixtures use Meta's example business).
    private static void AssertSameValue(string fixture, byte[] composed)
    {
        var expected = ValueOf(JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, fixture)))!);
        var actual = ValueOf(JsonNode.Parse(composed)!);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected{Environment.NewLine}{expected}{Environment.NewLine}actual{Environment.NewLine}{actual}");
    }

    private static JsonNode ValueOf(JsonNode webhook)
    {
        var value = webhook["entry"]![0]!["changes"]![0]!["value"]!.DeepClone().AsObject();
        value.Remove("metadata");
        return value;
    }

    private static string FixtureDirectory =>
        Path.Combine(DocumentedProcedures.RepositoryRoot(), "tests", "AstroBot.Continuity.Tests", "WhatsApp", "Webhooks", "Fixtures", "bsuid");
}
