using System.Numerics;

namespace Niagara.Memory.Timing;

/// <summary>
/// One DDR2 controller [UA s1.3.5, s8.1]: closed-page banks (each access holds its bank for a
/// row cycle) and one data bus that moves a 64 B line in <see cref="MemoryTimingConfig.DramTransferCycles"/>,
/// each a <see cref="Timeline"/>. Requests are presented in arrival order within a batch (the
/// weave sorts them); the scheduler serves them first come, first served. An unloaded read
/// returns its data <see cref="MemoryTimingConfig.DramExtraLatency"/> cycles after it arrives.
/// </summary>
public sealed class DramController
{
    private readonly Timeline[] _banks;
    private readonly Timeline _bus;
    private readonly Timeline[] _all;
    private readonly int _bankShift;
    private readonly ulong _bankMask;
    private readonly int _accessToData;
    private readonly int _transfer;
    private readonly int _bankBusy;

    /// <param name="config">Timing parameters.</param>
    /// <param name="bankShift">Address bits below the DRAM bank index (line offset + controller select).</param>
    public DramController(MemoryTimingConfig config, int bankShift)
    {
        _banks = new Timeline[config.DramBanksPerController];
        _all = new Timeline[_banks.Length + 1];
        for (int b = 0; b < _banks.Length; b++)
        {
            _all[b] = _banks[b] = new Timeline(config.ContentionWindowCycles);
        }
        _all[^1] = _bus = new Timeline(config.ContentionWindowCycles);
        _bankMask = (ulong)(config.DramBanksPerController - 1);
        _bankShift = bankShift;
        _transfer = config.DramTransferCycles;
        _bankBusy = config.DramBankBusyCycles;
        _accessToData = Math.Max(0, config.DramExtraLatency - config.DramTransferCycles);
        if (!BitOperations.IsPow2(config.DramBanksPerController))
        {
            throw new ArgumentException("DramBanksPerController must be a power of two");
        }
    }

    /// <summary>The banks' and the bus's busy cycles (the weave slides and grows their windows).</summary>
    public IReadOnlyList<Timeline> Timelines => _all;

    public long Reads { get; private set; }
    public long Writes { get; private set; }

    /// <summary>Cycles the data bus was busy.</summary>
    public long BusyCycles { get; private set; }

    /// <summary>Cycles reads waited for a busy bank or bus.</summary>
    public long WaitCycles { get; private set; }

    /// <summary>The DRAM bank an address falls in: the bits above the controller select.</summary>
    public int BankOf(ulong pa) => (int)((pa >> _bankShift) & _bankMask);

    /// <summary>A line fill arriving at <paramref name="arrive"/>; returns the cycle its data is back.</summary>
    public ulong Read(ulong pa, ulong arrive)
    {
        Reads++;
        ulong done = Access(pa, arrive);
        WaitCycles += (long)(done - (arrive + (ulong)(_accessToData + _transfer)));
        return done;
    }

    /// <summary>A dirty line written back; occupies its bank and the bus, nobody waits for it.</summary>
    public void Write(ulong pa, ulong arrive)
    {
        Writes++;
        Access(pa, arrive);
    }

    private ulong Access(ulong pa, ulong arrive)
    {
        ulong begin = _banks[BankOf(pa)].Reserve(arrive, _bankBusy);
        ulong busStart = _bus.Reserve(begin + (ulong)_accessToData, _transfer);
        BusyCycles += _transfer;
        return busStart + (ulong)_transfer;
    }
}
