using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// The host's keyring, loaded once through the registered <see cref="IKeyRingSource"/> and kept for the life of the
/// process (a rotated key is picked up on restart). A failed load is not kept: the next call tries again.
/// </summary>
public sealed class KeyRingProvider
{
    private readonly IKeyRingSource source;
    private readonly ILogger logger;

    // One load at a time, so concurrent first callers share one Key Vault round trip.
    private readonly SemaphoreSlim gate = new(1, 1);
    private KeyRing? ring;

    public KeyRingProvider(IKeyRingSource source)
        : this(source, NullLogger<KeyRingProvider>.Instance)
    {
    }

    public KeyRingProvider(IKeyRingSource source, ILogger<KeyRingProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(logger);
        this.source = source;
        this.logger = logger;
    }

    /// <exception cref="KeyRingException">The keyring cannot be loaded.</exception>
    public async Task<KeyRing> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref ring) is { } loaded)
        {
            return loaded;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ring is { } raced)
            {
                return raced;
            }

            var fresh = await source.LoadAsync(cancellationToken).ConfigureAwait(false);
            LogMessages.KeyRingLoaded(logger, source.GetType().Name, fresh.Current.Id, fresh.All.Count - 1);
            Volatile.Write(ref ring, fresh);
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }
}
