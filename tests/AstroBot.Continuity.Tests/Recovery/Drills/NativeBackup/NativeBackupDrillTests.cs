using System.Globalization;
using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.NativeBackup;
using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using AstroBot.Continuity.Tests.Backup;
using Azure.ResourceManager;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static AstroBot.Continuity.Tests.Backup.Restore.Targets.CosmosArmAnswers;
using static AstroBot.Continuity.Tests.Recovery.ResourceManager.RecoveryArmAnswers;

namespace AstroBot.Continuity.Tests.Recovery.Drills.NativeBackup;

/// <summary>
/// The native backup drill on the real in-process Durable Task engine: Resource Manager played from recorded answers
/// (no emulator restores an account), the restored account's data played by an emulator database restored from the
/// harness's backup.
/// </summary>
public sealed class NativeBackupDrillTests : IAsyncLifetime
{
    private const string RestoredEndpoint = "https://astrobot-drill-restored.documents.azure.com:443/";

    private static readonly string NewAccounts = NewAccountPath("astrobot-drill-");

    private readonly BackupHarness harness = new();
    private readonly RecordedArm arm = new();
    private string? copy;

    public Task InitializeAsync() => harness.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (copy is not null)
        {
            await harness.DropDatabaseAsync(copy);
        }

        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Drill_RestoredAccountHoldsTheLiveData_PassesWithRtoAndRpoAndDeletesTheAccount()
    {
        var restored = await RestoredCopyAsync();
        ScriptRestore(Succeeded("op-r"));
        ScriptDelete();
        await using var host = await StartAsync(restored);

        var record = await host.RunAsync(DrillKind.NativeBackup);

        Assert.True(record.State == DrillState.Passed, record.Summary);
        Assert.Equal("DeletedResources", record.Scenario);
        Assert.Equal(TimeSpan.FromSeconds(1), record.Rpo); // the configured age of the restore point
        Assert.True(record.Rto > TimeSpan.Zero && record.Rto <= record.CompletedAt - record.StartedAt);
        Assert.Equal(harness.TotalItems, record.Facts.Where(fact => fact.Key.StartsWith("items_restored_", StringComparison.Ordinal)).Sum(fact => long.Parse(fact.Value, CultureInfo.InvariantCulture)));
        Assert.Equal(harness.TotalItems.ToString(CultureInfo.InvariantCulture), record.Facts["sample_compared"]);
        var account = record.Facts[DrillFacts.RestoredAccount];
        Assert.StartsWith("astrobot-drill-", account, StringComparison.Ordinal);
        var put = Assert.Single(arm.To("PUT", NewAccountPath(account))).Json;
        Assert.Equal(
            (record.StartedAt - TimeSpan.FromSeconds(1)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            (string?)put["properties"]!["restoreParameters"]!["restoreTimestampInUtc"]);
        Assert.Single(arm.To("DELETE", NewAccountPath(account)));
        Assert.Equal(["plan", "start the restore", "restore into the new account", "compare a sample with the live data", "count the restored items", "delete the restored account"], record.Steps.Select(step => step.Name));
        Assert.All(restored.Opened, endpoint => Assert.Equal(new Uri(RestoredEndpoint), endpoint));
        Assert.Empty(arm.Unscripted);
        Assert.Null(await host.History.TryLockAsync("next", CancellationToken.None)); // the lock was released
    }

    [Fact]
    public async Task Drill_RestoredAccountMissesAnItem_FailsWithTheReasonAndStillDeletesTheAccount()
    {
        var restored = await RestoredCopyAsync();
        var user = harness.Users[0];
        using (var deleted = await harness.Container(copy!, "accounts").DeleteItemStreamAsync(user.Account.Id, new PartitionKey(user.WaId)))
        {
            deleted.EnsureSuccessStatusCode();
        }

        ScriptRestore(Succeeded("op-r"));
        ScriptDelete();
        await using var host = await StartAsync(restored);

        var record = await host.RunAsync(DrillKind.NativeBackup);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Contains("accounts: 1 of", record.Error, StringComparison.Ordinal);
        Assert.Contains("are missing or different in the restored account", record.Error, StringComparison.Ordinal);
        Assert.Null(record.Rto);
        Assert.Contains(record.Steps, step => step is { Name: "delete the restored account", Succeeded: true });
        Assert.Single(arm.To("DELETE", NewAccountPath(record.Facts[DrillFacts.RestoredAccount])));
    }

    [Fact]
    public async Task Drill_PutConflicts_FailsNamingTheConflictAndDeletesNothing()
    {
        arm.On("GET", AccountPath, AccountInRegions());
        arm.On("GET", RestorablePath(), Restorable(Yesterday));
        arm.OnPrefix("PUT", NewAccounts, Conflict());
        await using var host = await StartAsync(new RestoredCopy(null));

        var record = await host.RunAsync(DrillKind.NativeBackup);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Contains("conflicts with another operation in progress there (409 Conflict", record.Error, StringComparison.Ordinal);
        Assert.Contains(record.Steps, step => step is { Name: "start the restore", Succeeded: false });
        Assert.DoesNotContain(arm.Requests, request => request.Method == "DELETE");
        Assert.Single(arm.Requests, request => request.Method == "PUT"); // a refusal is not retried
    }

    [Fact]
    public async Task Drill_RestoreOperationFails_FailsWithAzuresReasonAndDeletesTheAccount()
    {
        ScriptRestore(Failed("op-r", "BadRequest", "Restore failed: the source has no backup at that time."));
        ScriptDelete();
        await using var host = await StartAsync(new RestoredCopy(null));

        var record = await host.RunAsync(DrillKind.NativeBackup);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Contains("failed in Azure (BadRequest: Restore failed: the source has no backup at that time.)", record.Error, StringComparison.Ordinal);
        Assert.Contains(record.Steps, step => step is { Name: "restore into the new account", Succeeded: false });
        Assert.Single(arm.To("DELETE", NewAccountPath(record.Facts[DrillFacts.RestoredAccount])));
        Assert.DoesNotContain(record.Steps, step => step.Name == "compare a sample with the live data");
    }

    [Fact]
    public async Task Drill_ResourceManagerNotConfigured_FailsAtThePlanSayingWhy()
    {
        await using var host = await new DrillHost(harness).StartAsync(services: services => Play(services, new RestoredCopy(null)));

        var record = await host.RunAsync(DrillKind.NativeBackup);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Contains("runs only in Azure, through Resource Manager", record.Error, StringComparison.Ordinal);
        Assert.Contains("Recovery:ResourceManager:SubscriptionId is required", record.Error, StringComparison.Ordinal);
        Assert.Equal("plan", Assert.Single(record.Steps).Name);
        Assert.Empty(arm.Requests);
    }

    [Fact]
    public async Task Cleanup_AbandonedDrill_DeletesItsRestoredAccount()
    {
        ScriptDelete();
        await using var host = await StartAsync(new RestoredCopy(null));
        var gate = host.Services.GetRequiredService<DrillGate>();
        var abandoned = (await gate.EnterAsync(DrillKind.NativeBackup, "test", (_, _) => Task.FromResult(true), CancellationToken.None)).Started!;
        var plan = await host.Services.GetRequiredService<NativeBackupDrill>().PlanAsync(new DrillStart(abandoned.DrillId, DrillKind.NativeBackup), CancellationToken.None);

        Assert.NotNull((await gate.EnterAsync(DrillKind.NativeBackup, "test", (_, _) => Task.FromResult(false), CancellationToken.None)).Started);

        var record = (await host.History.FindAsync(abandoned.DrillId, CancellationToken.None))!;
        Assert.Equal(DrillState.Abandoned, record.State);
        Assert.Equal($"Its host stopped before it finished; its restored account {plan.Account} was deleted.", record.Error);
        Assert.Single(arm.To("DELETE", NewAccountPath(plan.Account)));
    }

    private static string Yesterday => DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The live account found, its backup listed, the PUT accepted and polled to <paramref name="end"/>, the new account readable.</summary>
    private void ScriptRestore(RecordedArm.Answer end)
    {
        arm.On("GET", AccountPath, AccountInRegions());
        arm.On("GET", RestorablePath(), Restorable(Yesterday));
        arm.OnPrefix("PUT", NewAccounts, Accepted(NewAccounts, "op-r"));
        arm.On("GET", OperationPath("op-r"), InProgress("op-r"), end);
        arm.OnPrefix("GET", NewAccounts, RestoredAccount());
    }

    private void ScriptDelete()
    {
        arm.OnPrefix("DELETE", NewAccounts, Accepted(NewAccounts, "op-d"));
        arm.On("GET", OperationPath("op-d"), InProgress("op-d"), Succeeded("op-d"));
    }

    /// <summary>The restored account as Resource Manager describes it once provisioned: its data-plane endpoint.</summary>
    private static RecordedArm.Answer RestoredAccount() => new(200, $$"""
        {
          "id": "{{NewAccounts}}restored",
          "name": "astrobot-drill-restored",
          "type": "Microsoft.DocumentDB/databaseAccounts",
          "location": "West Europe",
          "kind": "GlobalDocumentDB",
          "tags": { "{{CosmosNativeRestore.DrillTag}}": "native-restore" },
          "properties": { "provisioningState": "Succeeded", "documentEndpoint": "{{RestoredEndpoint}}", "databaseAccountOfferType": "Standard" }
        }
        """);

    /// <summary>The harness's newest full backup restored into an emulator database: what the restored account holds.</summary>
    private async Task<RestoredCopy> RestoredCopyAsync()
    {
        var seeded = DateTimeOffset.UtcNow; // every live item is written by now
        var full = await harness.RunFullAsync();
        copy = harness.NewDatabaseName();
        await harness.Restore().RunToCompletionAsync(new() { TargetDatabase = copy, BackupId = full.BackupId }, null, CancellationToken.None);
        // The sample takes live items whose _ts (whole seconds) is before the restore point, the drill's start minus
        // RestorePointAge (1 s): a drill started within 2 s of the seed would find none to compare.
        var settled = seeded + TimeSpan.FromSeconds(2.1) - DateTimeOffset.UtcNow;
        if (settled > TimeSpan.Zero)
        {
            await Task.Delay(settled);
        }

        return new RestoredCopy(harness.Database.Client.GetDatabase(copy));
    }

    private Task<DrillHost> StartAsync(RestoredCopy restored) =>
        new DrillHost(harness).StartAsync(
            new Dictionary<string, string?>
            {
                ["Recovery:ResourceManager:SubscriptionId"] = Subscription,
                ["Recovery:ResourceManager:ResourceGroup"] = ResourceGroup,
                ["Recovery:ResourceManager:CosmosAccountName"] = Account,
                ["Recovery:ResourceManager:FrontDoorProfileName"] = Profile,
                ["Recovery:ResourceManager:PollInterval"] = "00:00:00",
                ["Recovery:NativeBackupDrill:RestorePointAge"] = "00:00:01",
                ["Recovery:NativeBackupDrill:PollInterval"] = "00:00:00.100",
                ["Recovery:SampleSize"] = "1000",
            },
            services => Play(services, restored));

    /// <summary>Resource Manager through the recorded transport, the restored account's data from the emulator copy.</summary>
    private void Play(IServiceCollection services, RestoredCopy restored)
    {
        services.Replace(ServiceDescriptor.Singleton<ArmClient>(arm.Client()));
        services.Replace(ServiceDescriptor.Singleton<ArmRestClient>(arm.RestClient()));
        services.Replace(ServiceDescriptor.Singleton<IRestoredAccountData>(restored));
    }

    /// <summary>Plays the restored account's data plane: every endpoint opens the emulator copy (none where a test reaches no data).</summary>
    private sealed class RestoredCopy(Database? copy) : IRestoredAccountData
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Uri> opened = new();

        public IReadOnlyList<Uri> Opened => [.. opened];

        public RestoredDatabase Open(Uri documentEndpoint, string database)
        {
            opened.Enqueue(documentEndpoint);
            return new RestoredDatabase(copy ?? throw new InvalidOperationException("This test has no restored copy."), owner: null);
        }
    }
}
