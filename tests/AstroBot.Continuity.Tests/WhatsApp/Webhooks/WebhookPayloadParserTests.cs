using System.Text;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using static AstroBot.Continuity.Tests.WhatsApp.Webhooks.WebhookPayloads;

namespace AstroBot.Continuity.Tests.WhatsApp.Webhooks;

public class WebhookPayloadParserTests
{
    [Fact]
    public void Parse_TextMessage_ReadsEveryField()
    {
        var result = WebhookPayloadParser.Parse(Envelope(Messages(Text("What does Mercury retrograde mean?", "wamid.abc"))));

        Assert.True(result.IsValid, result.Error);
        var message = Assert.Single(result.Batch!.Messages);
        Assert.Equal(
            new InboundMessage("wamid.abc", new UserIdentifiers(WaId, null), PhoneNumberId, DateTimeOffset.FromUnixTimeSeconds(1706311143), "text",
                "What does Mercury retrograde mean?", null, "Sheena Nelson"),
            message);
        Assert.Empty(result.Batch.Statuses);
        Assert.Empty(result.Batch.Errors);
    }

    [Fact]
    public void Parse_InteractiveButtonReply_TitleAsTextAndIdAsReplyId()
    {
        var reply = Message("interactive", """
            "context": { "from": "15550783881", "id": "wamid.question" },
            "interactive": { "type": "button_reply", "button_reply": { "id": "export-confirm", "title": "Yes, export" } }
            """);

        var message = ParseSingleMessage(reply);

        Assert.Equal(("interactive", "Yes, export", "export-confirm"), (message.Type, message.Text, message.ReplyId));
    }

    [Fact]
    public void Parse_InteractiveListReply_TitleAsTextAndIdAsReplyId()
    {
        var reply = Message("interactive", """
            "interactive": { "type": "list_reply", "list_reply": { "id": "sign-leo", "title": "Leo", "description": "Jul 23 - Aug 22" } }
            """);

        var message = ParseSingleMessage(reply);

        Assert.Equal(("Leo", "sign-leo"), (message.Text, message.ReplyId));
    }

    [Fact]
    public void Parse_TemplateQuickReplyButton_TextAndPayload()
    {
        var reply = Message("button", """
            "context": { "from": "15550783881", "id": "wamid.template" },
            "button": { "payload": "reconnect-yes", "text": "Talk to AstroBot" }
            """);

        var message = ParseSingleMessage(reply);

        Assert.Equal(("button", "Talk to AstroBot", "reconnect-yes"), (message.Type, message.Text, message.ReplyId));
    }

    [Theory]
    [InlineData("image", """ "image": { "caption": "my chart", "mime_type": "image/jpeg", "sha256": "abc", "id": "1003383421387256" } """)]
    [InlineData("sticker", """ "sticker": { "mime_type": "image/webp", "sha256": "abc", "id": "1003383421387256", "animated": false } """)]
    [InlineData("location", """ "location": { "latitude": 37.48, "longitude": -122.14, "name": "Philz Coffee", "address": "101 Forest Ave" } """)]
    [InlineData("reaction", """ "reaction": { "message_id": "wamid.reply", "emoji": "\uD83D\uDE00" } """)]
    [InlineData("document", """ "document": { "filename": "chart.pdf", "mime_type": "application/pdf", "sha256": "abc", "id": "1" } """)]
    public void Parse_MediaLocationOrReaction_TypeKeptAndTextNull(string type, string content)
    {
        var message = ParseSingleMessage(Message(type, content));

        Assert.Equal((type, (string?)null, (string?)null), (message.Type, message.Text, message.ReplyId));
    }

    [Fact]
    public void Parse_UnknownNewType_ParsesWithTypeAsGiven()
    {
        var message = ParseSingleMessage(Message("hologram", """ "hologram": { "frames": [1, 2, 3], "nested": { "deep": true } } """));

        Assert.Equal(("hologram", (string?)null), (message.Type, message.Text));
    }

    [Fact]
    public void Parse_UnsupportedMessage_KeepsMessageAndIgnoresItsErrors()
    {
        var message = ParseSingleMessage(Message("unsupported", """
            "errors": [ { "code": 131051, "title": "Message type unknown", "message": "Message type unknown", "error_data": { "details": "Message type is currently not supported." } } ]
            """));

        Assert.Equal("unsupported", message.Type);
    }

    [Fact]
    public void Parse_UnicodeEscapes_AreDecoded()
    {
        var result = WebhookPayloadParser.Parse(Envelope(Messages(Text("""Caf\u00e9 \uD83D\uDD2E \u2649"""))));

        Assert.Equal("Café 🔮 ♉", Assert.Single(result.Batch!.Messages).Text);
    }

    [Fact]
    public void Parse_ProfileNameEscaped_IsDecoded()
    {
        var value = Messages(Text("hi")).Replace("Sheena Nelson", """Ren\u00e9e \uD83C\uDF19""", StringComparison.Ordinal);

        Assert.Equal("Renée 🌙", Assert.Single(WebhookPayloadParser.Parse(Envelope(value)).Batch!.Messages).ProfileName);
    }

    [Fact]
    public void Parse_SenderWithoutContact_ProfileNameNull()
    {
        var value = Messages(Text("hi")).Replace(WaId + "\" } ]", "15550000000\" } ]", StringComparison.Ordinal);

        Assert.Null(Assert.Single(WebhookPayloadParser.Parse(Envelope(value)).Batch!.Messages).ProfileName);
    }

    [Fact]
    public void Parse_SeveralEntriesAndChanges_Flattened()
    {
        var body = Entries(
            [Change(Messages(Text("one", "wamid.1"), Text("two", "wamid.2"))), Change(Statuses(Status("delivered")))],
            [Change(Messages(Text("three", "wamid.3"))), Change(Statuses(Status("read"), Status("sent")))]);

        var result = WebhookPayloadParser.Parse(body);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(["wamid.1", "wamid.2", "wamid.3"], result.Batch!.Messages.Select(m => m.Wamid));
        Assert.Equal([MessageStatus.Delivered, MessageStatus.Read, MessageStatus.Sent], result.Batch.Statuses.Select(s => s.Status));
    }

    [Theory]
    [InlineData("sent", MessageStatus.Sent)]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("read", MessageStatus.Read)]
    public void Parse_Status_ReadsStatusWithoutErrors(string value, MessageStatus expected)
    {
        var result = WebhookPayloadParser.Parse(Envelope(Statuses(Status(value))));

        var status = Assert.Single(result.Batch!.Statuses);
        Assert.Equal(
            ("wamid.sent-1", WaId, expected, DateTimeOffset.FromUnixTimeSeconds(1750263773)),
            (status.Wamid, status.Recipient.Phone, status.Status, status.Timestamp));
        Assert.Empty(status.Errors);
    }

    [Fact]
    public void Parse_FailedStatus_ReadsErrors()
    {
        var errors = """
            [ { "code": 131047, "title": "Re-engagement message", "message": "Re-engagement message",
                "error_data": { "details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
                "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/" } ]
            """;

        var status = Assert.Single(WebhookPayloadParser.Parse(Envelope(Statuses(Status("failed", errors)))).Batch!.Statuses);

        Assert.Equal(MessageStatus.Failed, status.Status);
        var error = Assert.Single(status.Errors);
        Assert.Equal((131047, "Re-engagement message"), (error.Code, error.Title));
        Assert.StartsWith("Message failed to send because more than 24 hours", error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueErrors_BecomeWebhookErrors()
    {
        var value = """
            { "messaging_product": "whatsapp",
              "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
              "errors": [ { "code": 130429, "title": "Rate limit hit", "message": "Rate limit hit" } ] }
            """;

        var result = WebhookPayloadParser.Parse(Envelope(value));

        Assert.Equal(new WebhookError(130429, "Rate limit hit", "Rate limit hit"), Assert.Single(result.Batch!.Errors));
    }

    [Fact]
    public void Parse_OtherSubscribedField_ValidAndEmpty()
    {
        var body = Entries([Change("""{ "event": "APPROVED", "message_template_id": 1, "message_template_name": "astrobot_reconnect" }""", "message_template_status_update")]);

        var result = WebhookPayloadParser.Parse(body);

        Assert.True(result.IsValid, result.Error);
        Assert.Empty(result.Batch!.Messages);
    }

    [Fact]
    public void Parse_EmptyEntryArray_ValidAndEmpty()
    {
        var result = WebhookPayloadParser.Parse("""{"object":"whatsapp_business_account","entry":[]}"""u8);

        Assert.True(result.IsValid);
        Assert.Empty(result.Batch!.Messages);
    }

    public static TheoryData<string, string> InvalidPayloads => new()
    {
        { "", "not JSON" },
        { "{", "not JSON" },
        { "not json at all", "not JSON" },
        { """{"object":"whatsapp_business_account","entry":[]} trailing""", "not JSON" },
        { """{"object":"whatsapp_business_account","entry":[]} {}""", "not JSON" },
        { "[1,2,3]", "not a JSON object" },
        { """{"object":"page","entry":[]}""", "$.object" },
        { """{"entry":[]}""", "$.object" },
        { """{"object":"whatsapp_business_account"}""", "$.entry array is missing" },
        { """{"object":"whatsapp_business_account","entry":{}}""", "$.entry is not an array" },
        { """{"object":"whatsapp_business_account","entry":[{"id":"1"}]}""", "$.entry[0].changes array is missing" },
        { """{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages"}]}]}""", "$.entry[0].changes[0].value is missing" },
    };

    [Theory]
    [MemberData(nameof(InvalidPayloads))]
    public void Parse_InvalidEnvelope_ErrorSaysWhat(string body, string expectedError)
    {
        var result = WebhookPayloadParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsValid);
        Assert.Null(result.Batch);
        Assert.Contains(expectedError, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("timestamp")]
    [InlineData("type")]
    public void Parse_MessageWithoutRequiredField_ErrorNamesField(string field)
    {
        var message = $$"""{ "from": "{{WaId}}", "id": "wamid.1", "timestamp": "1706311143", "type": "text", "text": { "body": "hi" } }""";
        var withoutField = System.Text.Json.Nodes.JsonNode.Parse(message)!.AsObject();
        withoutField.Remove(field);

        var result = WebhookPayloadParser.Parse(Envelope(Messages(withoutField.ToJsonString())));

        Assert.Equal($"$.entry[0].changes[0].value.messages[0].{field} is missing", result.Error);
    }

    [Theory]
    [InlineData("1706311143", true)]
    [InlineData("\"\"", false)]
    [InlineData("\"-1706311143\"", false)]
    [InlineData("\"1706311143.5\"", false)]
    [InlineData("\"2024-01-26T23:19:03Z\"", false)]
    [InlineData("\"99999999999999999999\"", false)]
    [InlineData("\"999999999999\"", false)]
    public void Parse_TimestampNotStringOfUnixSeconds_Error(string timestamp, bool isNumber)
    {
        var message = $$"""{ "from": "{{WaId}}", "id": "wamid.1", "timestamp": {{timestamp}}, "type": "text" }""";

        var result = WebhookPayloadParser.Parse(Envelope(Messages(message)));

        Assert.False(result.IsValid);
        Assert.Contains(isNumber ? "timestamp is not a string" : "timestamp is", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StatusTimestampNotUnixSeconds_Error()
    {
        var status = Status("read").Replace("\"1750263773\"", "\"yesterday\"", StringComparison.Ordinal);

        var result = WebhookPayloadParser.Parse(Envelope(Statuses(status)));

        Assert.Equal("$.entry[0].changes[0].value.statuses[0].timestamp is not a string of Unix seconds", result.Error);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("SENT")]
    [InlineData("")]
    public void Parse_UnknownStatusValue_Error(string value)
    {
        var result = WebhookPayloadParser.Parse(Envelope(Statuses(Status(value))));

        Assert.False(result.IsValid);
        Assert.Contains("statuses[0].status", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MessagesWithoutMetadata_Error()
    {
        var value = $$"""{ "messages": [ {{Text("hi")}} ] }""";

        Assert.Equal("$.entry[0].changes[0].value.metadata is missing", WebhookPayloadParser.Parse(Envelope(value)).Error);
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_ErrorNotException()
    {
        var result = WebhookPayloadParser.Parse(Envelope(Messages(Text("""broken \uD83D here"""))));

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_InvalidUtf8_ErrorNotException()
    {
        byte[] body = [.. Envelope(Messages(Text("XX")))];
        var at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xC3;
        body[at + 1] = 0x28;

        Assert.False(WebhookPayloadParser.Parse(body).IsValid);
    }

    [Fact]
    public void Parse_DeeplyNested_ErrorNotException()
    {
        var body = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));

        Assert.False(WebhookPayloadParser.Parse(body).IsValid);
    }

    [Fact]
    public void Parse_RandomGarbage_NeverThrows()
    {
        var random = new Random(20261127);
        var valid = Envelope(Messages(Text("hello"), Text("""caf\u00e9""", "wamid.2")), Statuses(Status("failed", """[{"code":131026,"title":"x"}]""")));
        for (var i = 0; i < 2_000; i++)
        {
            var body = i % 2 == 0 ? RandomBytes(random) : Mutate(valid, random);

            var result = WebhookPayloadParser.Parse(body);

            Assert.True(result.IsValid ^ result.Error is not null);
        }
    }

    [Theory]
    [InlineData(""" "id": "wamid.1" """)]
    [InlineData(""" "id": "wamid.1", "from": "", "from_user_id": "" """)]
    [InlineData(""" "id": "wamid.1", "from": null, "from_user_id": null """)]
    [InlineData(""" "id": "wamid.1", "from_parent_user_id": "US.ENT.11815799212886844830" """)]
    public void Parse_MessageWithNeitherFromNorFromUserId_ErrorNamesMessage(string idAndSender)
    {
        var message = $$"""{ {{idAndSender}}, "timestamp": "1706311143", "type": "text", "text": { "body": "hi" } }""";

        var result = WebhookPayloadParser.Parse(Envelope(Messages(message)));

        Assert.Equal("$.entry[0].changes[0].value.messages[0] has neither from nor from_user_id", result.Error);
    }

    [Fact]
    public void Parse_MessageWithFromUserIdNotAString_ErrorNamesField()
    {
        var message = """{ "from_user_id": 13491208655302741918, "id": "wamid.1", "timestamp": "1706311143", "type": "text" }""";

        var result = WebhookPayloadParser.Parse(Envelope(Messages(message)));

        Assert.Equal("$.entry[0].changes[0].value.messages[0].from_user_id is not a string", result.Error);
    }

    [Fact]
    public void Parse_MessageWithPhoneOnlyAndContactWithBsuid_SenderCompletedFromContact()
    {
        var value = BsuidValue(
            """{ "profile": { "name": "Sheena Nelson", "username": "sheena" }, "wa_id": "16505551234", "user_id": "US.1349", "parent_user_id": "US.ENT.1181" }""",
            """{ "from": "16505551234", "id": "wamid.1", "timestamp": "1706311143", "type": "text", "text": { "body": "hi" } }""");

        var message = Assert.Single(WebhookPayloadParser.Parse(Envelope(value)).Batch!.Messages);

        Assert.Equal((new UserIdentifiers("16505551234", "US.1349", "US.ENT.1181", "sheena"), "Sheena Nelson"), (message.Sender, message.ProfileName));
    }

    [Fact]
    public void Parse_MessageWithBsuidOnlyAndContactOfAnotherUser_NothingTakenFromContact()
    {
        var value = BsuidValue(
            """{ "profile": { "name": "Someone Else", "username": "someone" }, "wa_id": "16505550000", "user_id": "US.9999" }""",
            """{ "from_user_id": "US.1349", "id": "wamid.1", "timestamp": "1706311143", "type": "text", "text": { "body": "hi" } }""");

        var message = Assert.Single(WebhookPayloadParser.Parse(Envelope(value)).Batch!.Messages);

        Assert.Equal((new UserIdentifiers(null, "US.1349"), (string?)null), (message.Sender, message.ProfileName));
    }

    [Fact]
    public void Parse_MessageAndContactDisagree_WhatTheMessageSaysWins()
    {
        var value = BsuidValue(
            """{ "profile": { "name": "Sheena Nelson" }, "wa_id": "16505551234", "user_id": "US.FromContact" }""",
            """{ "from": "16505551234", "from_user_id": "US.FromMessage", "id": "wamid.1", "timestamp": "1706311143", "type": "text" }""");

        var message = Assert.Single(WebhookPayloadParser.Parse(Envelope(value)).Batch!.Messages);

        Assert.Equal(new UserIdentifiers("16505551234", "US.FromMessage"), message.Sender);
    }

    [Theory]
    [InlineData("13491208655302741918")]
    [InlineData("us.13491208655302741918")]
    [InlineData("US.1349-1208_6553")]
    [InlineData("US.ENT.")]
    public void Parse_BsuidOutsideDocumentedShape_AcceptedAsSent(string bsuid)
    {
        Assert.False(BsuidFormat.IsDocumented(bsuid));
        var value = BsuidValue(
            $$"""{ "profile": { "name": "Sheena Nelson" }, "user_id": "{{bsuid}}" }""",
            $$"""{ "from_user_id": "{{bsuid}}", "id": "wamid.1", "timestamp": "1706311143", "type": "text" }""");

        var message = Assert.Single(WebhookPayloadParser.Parse(Envelope(value)).Batch!.Messages);

        Assert.Equal((bsuid, "Sheena Nelson"), (message.Sender.Bsuid, message.ProfileName));
    }

    public static TheoryData<string, string> IdentifierFields => new()
    {
        { "messages[0].from", BsuidValue(Contact(), SenderMessage("from")) },
        { "messages[0].from_user_id", BsuidValue(Contact(), SenderMessage("from_user_id")) },
        { "messages[0].from_parent_user_id", BsuidValue(Contact(), SenderMessage("from_parent_user_id")) },
        { "contacts[0].wa_id", BsuidValue(Contact("wa_id"), SenderMessage()) },
        { "contacts[0].user_id", BsuidValue(Contact("user_id"), SenderMessage()) },
        { "contacts[0].parent_user_id", BsuidValue(Contact("parent_user_id"), SenderMessage()) },
        { "contacts[0].profile.username", BsuidValue(Contact("username"), SenderMessage()) },
        { "statuses[0].recipient_id", StatusValue("recipient_id") },
        { "statuses[0].recipient_user_id", StatusValue("recipient_user_id") },
        { "statuses[0].recipient_parent_user_id", StatusValue("recipient_parent_user_id") },
        { "messages[0].system.previous_user_id", SystemValue("user_changed_user_id", "previous_user_id") },
        { "messages[0].system.user_id", SystemValue("user_changed_user_id", "user_id") },
        { "messages[0].system.wa_id", SystemValue("user_changed_number", "wa_id") },
        { "messages[0].system.parent_user_id", SystemValue("user_changed_number", "parent_user_id") },
    };

    [Theory]
    [MemberData(nameof(IdentifierFields))]
    public void Parse_IdentifierOf1025Characters_ErrorNamesField(string field, string value)
    {
        var result = WebhookPayloadParser.Parse(Envelope(value.Replace(LongMark, new string('7', 1025), StringComparison.Ordinal)));

        Assert.False(result.IsValid);
        Assert.Equal($"$.entry[0].changes[0].value.{field} is longer than 1024 characters", result.Error);
    }

    [Theory]
    [MemberData(nameof(IdentifierFields))]
    public void Parse_IdentifierOf1024Characters_Accepted(string field, string value)
    {
        var result = WebhookPayloadParser.Parse(Envelope(value.Replace(LongMark, new string('7', 1024), StringComparison.Ordinal)));

        Assert.True(result.IsValid, $"{field}: {result.Error}");
    }

    [Fact]
    public void Parse_StatusWithoutAnyRecipient_ValidWithAnonymousRecipient()
    {
        var status = """{ "id": "wamid.sent-1", "status": "sent", "timestamp": "1750263773" }""";

        var result = WebhookPayloadParser.Parse(Envelope(Statuses(status)));

        Assert.True(result.IsValid, result.Error);
        Assert.True(Assert.Single(result.Batch!.Statuses).Recipient.IsAnonymous);
    }

    [Fact]
    public void Parse_StatusWithBsuidOnly_RecipientCompletedFromMatchingContact()
    {
        var value = $$"""
            {
              "messaging_product": "whatsapp",
              "metadata": { "display_phone_number": "15550783881", "phone_number_id": "{{PhoneNumberId}}" },
              "contacts": [
                { "profile": { "name": "Other" }, "wa_id": "16505550000", "user_id": "US.9999" },
                { "profile": { "name": "Pablo M.", "username": "pablomorales" }, "wa_id": "16505551234", "user_id": "US.1349", "parent_user_id": "US.ENT.1181" }
              ],
              "statuses": [ { "id": "wamid.sent-1", "status": "delivered", "timestamp": "1750263773", "recipient_user_id": "US.1349" } ]
            }
            """;

        var status = Assert.Single(WebhookPayloadParser.Parse(Envelope(value)).Batch!.Statuses);

        Assert.Equal(new UserIdentifiers("16505551234", "US.1349", "US.ENT.1181", "pablomorales"), status.Recipient);
    }

    [Fact]
    public void Parse_StatusWithParentBsuid_RecipientHasParent()
    {
        var status = """{ "id": "wamid.sent-1", "status": "read", "timestamp": "1750263773", "recipient_user_id": "US.1349", "recipient_parent_user_id": "US.ENT.1181" }""";

        var update = Assert.Single(WebhookPayloadParser.Parse(Envelope(Statuses(status))).Batch!.Statuses);

        Assert.Equal(new UserIdentifiers(null, "US.1349", "US.ENT.1181"), update.Recipient);
    }

    [Fact]
    public void Parse_UserChangedUserIdWithPhone_CurrentKeepsThePhone()
    {
        var system = SystemMessage(
            """ "from": "16505551234", """,
            """ "user_id": "US.New", "previous_user_id": "US.Old", "type": "user_changed_user_id" """);

        var change = ParseSingleIdentityChange(system);

        Assert.Equal(
            (IdentityChangeKind.BsuidChanged, new UserIdentifiers("16505551234", "US.Old"), new UserIdentifiers("16505551234", "US.New")),
            (change.Kind, change.Previous, change.Current));
    }

    [Fact]
    public void Parse_UserChangedNumberWithoutNewPhone_CurrentPhoneUnknownNotTheOldOne()
    {
        var system = SystemMessage(
            """ "from": "16505551234", """,
            """ "user_id": "US.New", "previous_user_id": "US.Old", "type": "user_changed_number" """);

        var change = ParseSingleIdentityChange(system);

        Assert.Equal(new UserIdentifiers(null, "US.New"), change.Current);
    }

    [Fact]
    public void Parse_CustomerChangedNumber_NewWaIdIsTheCurrentPhone()
    {
        var system = SystemMessage(
            """ "from": "16505551234", """,
            """ "body": "NAME changed from 16505551234 to 12195555358", "new_wa_id": "12195555358", "type": "customer_changed_number" """);

        var change = ParseSingleIdentityChange(system);

        Assert.Equal(
            (IdentityChangeKind.NumberChanged, new UserIdentifiers("16505551234", null), new UserIdentifiers("12195555358", null)),
            (change.Kind, change.Previous, change.Current));
    }

    [Fact]
    public void Parse_UserChangedNumberWithFromUserIdOnly_PreviousBsuidFromFromUserId()
    {
        var system = SystemMessage(
            """ "from": "16505551234", "from_user_id": "US.Old", "from_parent_user_id": "US.ENT.Old", """,
            """ "wa_id": "12195555358", "user_id": "US.New", "type": "user_changed_number" """);

        var change = ParseSingleIdentityChange(system);

        Assert.Equal(new UserIdentifiers("16505551234", "US.Old", "US.ENT.Old"), change.Previous);
    }

    [Fact]
    public void Parse_SystemPreviousUserIdAndFromUserIdDisagree_SystemPreviousUserIdWins()
    {
        var system = SystemMessage(
            """ "from": "16505551234", "from_user_id": "US.FromUserId", """,
            """ "wa_id": "12195555358", "user_id": "US.New", "previous_user_id": "US.Previous", "type": "user_changed_number" """);

        Assert.Equal("US.Previous", ParseSingleIdentityChange(system).Previous.Bsuid);
    }

    [Fact]
    public void Parse_SystemWithParentBsuids_PreviousAndCurrentParentsRead()
    {
        var system = SystemMessage(
            """ "from": "16505551234", """,
            """
            "wa_id": "12195555358", "user_id": "US.New", "previous_user_id": "US.Old",
            "parent_user_id": "US.ENT.New", "previous_parent_user_id": "US.ENT.Old", "type": "user_changed_number"
            """);

        var change = ParseSingleIdentityChange(system);

        Assert.Equal(
            (new UserIdentifiers("16505551234", "US.Old", "US.ENT.Old"), new UserIdentifiers("12195555358", "US.New", "US.ENT.New")),
            (change.Previous, change.Current));
    }

    [Fact]
    public void Parse_OtherSystemTypeWithSender_ParsedAsOrdinaryMessage()
    {
        var system = SystemMessage(""" "from_user_id": "US.1349", """, """ "body": "Something else", "type": "customer_identity_changed" """);

        var result = WebhookPayloadParser.Parse(Envelope(Messages(system)));

        Assert.True(result.IsValid, result.Error);
        Assert.Empty(result.Batch!.IdentityChanges);
        var message = Assert.Single(result.Batch.Messages);
        Assert.Equal(("wamid.system-1", "system", new UserIdentifiers(null, "US.1349")), (message.Wamid, message.Type, message.Sender));
    }

    [Theory]
    [InlineData(""" "body": "Something else", "type": "customer_identity_changed" """)]
    [InlineData(""" "body": "No type at all" """)]
    public void Parse_OtherSystemTypeWithoutSender_SkippedAndValid(string systemFields)
    {
        var result = WebhookPayloadParser.Parse(Envelope(Messages(SystemMessage("", systemFields), Text("hi", "wamid.after"))));

        Assert.True(result.IsValid, result.Error);
        Assert.Empty(result.Batch!.IdentityChanges);
        Assert.Equal("wamid.after", Assert.Single(result.Batch.Messages).Wamid);
    }

    [Fact]
    public void Parse_IdentityChangeAmongMessages_EachInItsList()
    {
        var system = SystemMessage(""" "from": "16505551234", """, """ "wa_id": "12195555358", "type": "user_changed_number" """);

        var result = WebhookPayloadParser.Parse(Envelope(Messages(Text("before", "wamid.before"), system, Text("after", "wamid.after"))));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(["wamid.before", "wamid.after"], result.Batch!.Messages.Select(m => m.Wamid));
        Assert.Equal("wamid.system-1", Assert.Single(result.Batch.IdentityChanges).Wamid);
    }

    [Fact]
    public void Parse_IdentityChangeWithoutId_ErrorNamesField()
    {
        var system = SystemMessage(""" "from": "16505551234", """, """ "wa_id": "12195555358", "type": "user_changed_number" """)
            .Replace("\"id\": \"wamid.system-1\",", "", StringComparison.Ordinal);

        var result = WebhookPayloadParser.Parse(Envelope(Messages(system)));

        Assert.Equal("$.entry[0].changes[0].value.messages[0].id is missing", result.Error);
    }

    private static InboundMessage ParseSingleMessage(string message)
    {
        var result = WebhookPayloadParser.Parse(Envelope(Messages(message)));
        Assert.True(result.IsValid, result.Error);
        return Assert.Single(result.Batch!.Messages);
    }

    private const string LongMark = "LONG-IDENTIFIER";

    private static IdentityChange ParseSingleIdentityChange(string message)
    {
        var result = WebhookPayloadParser.Parse(Envelope(Messages(message)));
        Assert.True(result.IsValid, result.Error);
        Assert.Empty(result.Batch!.Messages);
        return Assert.Single(result.Batch.IdentityChanges);
    }

    /// <summary>A <c>value</c> with metadata, the given contact and message, as Meta sends since BSUIDs.</summary>
    private static string BsuidValue(string contact, string message) => $$"""
        {
          "messaging_product": "whatsapp",
          "metadata": { "display_phone_number": "15550783881", "phone_number_id": "{{PhoneNumberId}}" },
          "contacts": [ {{contact}} ],
          "messages": [ {{message}} ]
        }
        """;

    /// <summary>A contact with all identifier fields, <paramref name="longField"/> holding <see cref="LongMark"/>.</summary>
    private static string Contact(string longField = "") => $$"""
        { "profile": { "name": "Sheena Nelson", "username": "{{Mark("username", longField, "sheena")}}" },
          "wa_id": "{{Mark("wa_id", longField, "16505551234")}}", "user_id": "{{Mark("user_id", longField, "US.1349")}}",
          "parent_user_id": "{{Mark("parent_user_id", longField, "US.ENT.1181")}}" }
        """;

    private static string SenderMessage(string longField = "") => $$"""
        { "from": "{{Mark("from", longField, "16505551234")}}", "from_user_id": "{{Mark("from_user_id", longField, "US.1349")}}",
          "from_parent_user_id": "{{Mark("from_parent_user_id", longField, "US.ENT.1181")}}",
          "id": "wamid.1", "timestamp": "1706311143", "type": "text", "text": { "body": "hi" } }
        """;

    private static string StatusValue(string longField) => Statuses($$"""
        { "id": "wamid.sent-1", "status": "delivered", "timestamp": "1750263773",
          "recipient_id": "{{Mark("recipient_id", longField, "16505551234")}}",
          "recipient_user_id": "{{Mark("recipient_user_id", longField, "US.1349")}}",
          "recipient_parent_user_id": "{{Mark("recipient_parent_user_id", longField, "US.ENT.1181")}}" }
        """);

    private static string SystemValue(string type, string longField) => Messages(SystemMessage(
        """ "from": "16505551234", """,
        $$"""
        "wa_id": "{{Mark("wa_id", longField, "12195555358")}}", "user_id": "{{Mark("user_id", longField, "US.New")}}",
        "previous_user_id": "{{Mark("previous_user_id", longField, "US.Old")}}",
        "parent_user_id": "{{Mark("parent_user_id", longField, "US.ENT.New")}}", "type": "{{type}}"
        """));

    private static string Mark(string field, string longField, string value) => field == longField ? LongMark : value;

    /// <summary>A system message; <paramref name="sender"/> is its sender fields with a trailing comma, or empty.</summary>
    private static string SystemMessage(string sender, string systemFields) => $$"""
        { {{sender}} "id": "wamid.system-1", "timestamp": "1739321024", "type": "system", "system": { {{systemFields}} } }
        """;

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }
}
