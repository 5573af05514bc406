using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.Cli.Tests.LocalHost;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Tests.Chat;

/// <summary>The terminal side of the chat, typed into and read back, against the local host.</summary>
public class ChatConsoleTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task RunAsync_NumberCommand_SaysWhatChangedAndWritesAsTheNewNumber()
    {
        var user = ChatUser.WithPhone("15550002001", "Test User");
        var session = Session(user);
        using var output = new StringWriter();
        var sut = new ChatConsole(session, new StringReader("/number 447700900201\n/quit\n"), Console(output));

        var exitCode = await sut.RunAsync(CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("/number NEW changes your phone number", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(
            $"Your number changed from 15550002001 to 447700900201, your BSUID from {user.Identifiers.Bsuid} to {session.User.Identifiers.Bsuid} (user_changed_number sent).",
            Flat(output),
            StringComparison.Ordinal);
        Assert.Equal("447700900201", session.User.Identifiers.Phone);
    }

    [Fact]
    public async Task RunAsync_NumberCommandAsUsernameUser_SaysOnlyTheBsuidChanged()
    {
        var user = ChatUser.WithUsername("console.mover", "Test User");
        var session = Session(user);
        using var output = new StringWriter();
        var sut = new ChatConsole(session, new StringReader("/number 447700900202\n"), Console(output));

        await sut.RunAsync(CancellationToken.None);

        Assert.Contains("Talking to AstroBot as @console.mover", Flat(output), StringComparison.Ordinal);
        Assert.Contains(
            $"your BSUID changed from {user.Identifiers.Bsuid} to {session.User.Identifiers.Bsuid} (user_changed_user_id sent).",
            Flat(output),
            StringComparison.Ordinal);
        Assert.Null(session.User.Identifiers.Phone);
    }

    [Theory]
    [InlineData("/number")]
    [InlineData("/number +44 7700 900203")]
    [InlineData("/number abc")]
    public async Task RunAsync_NumberCommandWithoutDigits_SaysWhatItTakesAndChangesNothing(string line)
    {
        var user = ChatUser.WithPhone("15550002003", "Test User");
        var session = Session(user);
        using var output = new StringWriter();
        var sut = new ChatConsole(session, new StringReader(line + "\n"), Console(output));

        await sut.RunAsync(CancellationToken.None);

        Assert.Contains("/number takes the new phone number, digits only", Flat(output), StringComparison.Ordinal);
        Assert.Equal(user, session.User);
    }

    private ChatSession Session(ChatUser user) =>
        new(host.Http, new ChatEndpoints(new Uri(host.BaseUri, "api/whatsapp/webhook"), host.Sink.BaseUri, LocalHostFixture.PhoneNumberId),
            new WebhookSignature(LocalHostFixture.AppSecret), user, TimeProvider.System);

    private static IAnsiConsole Console(StringWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000; // one message, one line
        return console;
    }

    private static string Flat(StringWriter output) => output.ToString().ReplaceLineEndings(" ");
}
