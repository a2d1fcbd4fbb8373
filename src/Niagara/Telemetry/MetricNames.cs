namespace Niagara.Telemetry;

/// <summary>
/// The instruments of the "Niagara" meter: name, unit (UCUM, annotations in braces) and
/// description of each, in one place, because dashboards and alerts are written against them.
/// Names only ever get added; a published name is never renamed.
/// <para>
/// Prometheus names, as the OpenTelemetry Prometheus exporter 1.20.1-beta.1 serves them
/// (measured; Grafana queries use these): dots become underscores; a unit that is only an
/// annotation in braces adds no suffix; <c>s</c> adds <c>_seconds</c>; <c>/s</c> adds
/// <c>_per_second</c>; monotonic counters end in <c>_total</c>; histograms give <c>_bucket</c>
/// (label <c>le</c>), <c>_sum</c> and <c>_count</c>; gauges keep their name. So
/// <c>niagara.strand.instructions</c> {instruction} becomes <c>niagara_strand_instructions_total</c>,
/// <c>niagara.host.thread.busy_time</c> (s) <c>niagara_host_thread_busy_time_seconds_total</c>,
/// <c>niagara.host.quanta_rate</c> ({quantum}/s) <c>niagara_host_quanta_rate_per_second</c>,
/// <c>niagara.crosscall.latency</c> {cycle} <c>niagara_crosscall_latency_bucket</c>/<c>_sum</c>/<c>_count</c>,
/// <c>niagara.strand.ipc</c> ({instruction}/{cycle}) <c>niagara_strand_ipc</c>. Every series also
/// carries the labels <c>otel_scope_name="Niagara"</c> and <c>otel_scope_version</c>, and the exporter adds a <c>target_info</c>
/// gauge with the resource (<c>service_name="niagara"</c>). Each constant's comment gives its
/// Prometheus name.
/// </para>
/// <para>
/// Attributes (Prometheus labels): <see cref="StrandAttribute"/> and <see cref="CoreAttribute"/>
/// are decimal ids (strand id = core * 4 + strand in core); <see cref="FunctionAttribute"/> and
/// <see cref="StatusAttribute"/> are named as `niagara trace` names them (Tracing/TraceNames:
/// <c>cpu_mondo_send</c>, <c>EWOULDBLOCK</c>); <see cref="TrapTypeAttribute"/> is the trap type as
/// three hex digits (<c>0x024</c>) and <see cref="TrapNameAttribute"/> its UA2005 name
/// (<c>clean_window</c>, <c>spill_0_normal</c>, <c>ta 0x80</c>);
/// <see cref="HostThreadAttribute"/> is the host thread index (core c is at home on thread c mod N; an idle thread also runs strands of other cores).
/// </para>
/// </summary>
public static class MetricNames
{
    /// <summary>The Meter's and the ActivitySource's name.</summary>
    public const string MeterName = "Niagara";

    public const string StrandAttribute = "strand";
    public const string CoreAttribute = "core";
    public const string FunctionAttribute = "function";
    public const string StatusAttribute = "status";
    public const string TrapTypeAttribute = "tt";
    public const string TrapNameAttribute = "trap";
    public const string HostThreadAttribute = "host_thread";

    // Timing model (--timing t1) attributes.
    public const string ComponentAttribute = "component";
    public const string CacheAttribute = "cache";
    public const string BankAttribute = "bank";
    public const string ResultAttribute = "result";
    public const string DirectionAttribute = "direction";
    public const string DestinationAttribute = "destination";
    public const string ControllerAttribute = "controller";

    // ---- strands and cores -------------------------------------------------------------

    /// <summary>Counter, attributes strand and core. Prometheus: niagara_strand_instructions_total.</summary>
    public const string StrandInstructions = "niagara.strand.instructions";
    public const string StrandInstructionsUnit = "{instruction}";
    public const string StrandInstructionsDescription = "Instructions retired by the strand (over all its starts).";

    /// <summary>Counter, attributes strand and core. Prometheus: niagara_strand_cycles_total.</summary>
    public const string StrandCycles = "niagara.strand.cycles";
    public const string StrandCyclesUnit = "{cycle}";
    public const string StrandCyclesDescription = "The strand's local clock in core cycles (it advances while the strand is stopped, idle or waiting too).";

    /// <summary>Gauge, attributes strand and core. Prometheus: niagara_strand_ipc.</summary>
    public const string StrandIpc = "niagara.strand.ipc";
    public const string StrandIpcUnit = "{instruction}/{cycle}";
    public const string StrandIpcDescription = "Instructions per cycle of the strand since the run started.";

    /// <summary>Counter, attribute core. Prometheus: niagara_core_instructions_total.</summary>
    public const string CoreInstructions = "niagara.core.instructions";
    public const string CoreInstructionsUnit = "{instruction}";
    public const string CoreInstructionsDescription = "Instructions retired by the core's strands.";

    /// <summary>Counter, attribute core. Prometheus: niagara_core_cycles_total.</summary>
    public const string CoreCycles = "niagara.core.cycles";
    public const string CoreCyclesUnit = "{cycle}";
    public const string CoreCyclesDescription = "The core's clock in cycles (its most advanced strand's clock).";

    /// <summary>Gauge, attribute core. Prometheus: niagara_core_ipc.</summary>
    public const string CoreIpc = "niagara.core.ipc";
    public const string CoreIpcUnit = "{instruction}/{cycle}";
    public const string CoreIpcDescription = "Instructions per core cycle of the core's strands together since the run started.";

    /// <summary>Counter, no attributes. Prometheus: niagara_machine_cycles_total.</summary>
    public const string MachineCycles = "niagara.machine.cycles";
    public const string MachineCyclesUnit = "{cycle}";
    public const string MachineCyclesDescription = "Simulated time: the cycle of the last quantum boundary.";

    // ---- hypervisor ----------------------------------------------------------------------

    /// <summary>Counter, attributes function and status. Prometheus: niagara_hypercalls_total.</summary>
    public const string Hypercalls = "niagara.hypercalls";
    public const string HypercallsUnit = "{call}";
    public const string HypercallsDescription = "Hypervisor calls by function and the status they returned in %o0.";

    /// <summary>Counter, attributes tt and trap. Prometheus: niagara_traps_total.</summary>
    public const string Traps = "niagara.traps";
    public const string TrapsUnit = "{trap}";
    public const string TrapsDescription = "Traps the guests took through their own trap tables, by trap type.";

    // ---- cross-calls (cpu_mondo_send) ----------------------------------------------------

    /// <summary>Counter. Prometheus: niagara_crosscall_calls_total.</summary>
    public const string CrossCallCalls = "niagara.crosscall.calls";
    public const string CrossCallCallsUnit = "{call}";
    public const string CrossCallCallsDescription = "cpu_mondo_send calls, whatever they returned.";

    /// <summary>Counter. Prometheus: niagara_crosscall_sent_total.</summary>
    public const string CrossCallSent = "niagara.crosscall.sent";
    public const string CrossCallSentUnit = "{mondo}";
    public const string CrossCallSentDescription = "Mondos accepted into a target's mailbox (one per target).";

    /// <summary>Counter. Prometheus: niagara_crosscall_delivered_total.</summary>
    public const string CrossCallDelivered = "niagara.crosscall.delivered";
    public const string CrossCallDeliveredUnit = "{mondo}";
    public const string CrossCallDeliveredDescription = "Mondos moved from a mailbox into the target's cpu-mondo queue.";

    /// <summary>Counter. Prometheus: niagara_crosscall_handled_total.</summary>
    public const string CrossCallHandled = "niagara.crosscall.handled";
    public const string CrossCallHandledUnit = "{mondo}";
    public const string CrossCallHandledDescription = "Mondos the target handled (its queue HEAD moved past them).";

    /// <summary>Counter. Prometheus: niagara_crosscall_dropped_total.</summary>
    public const string CrossCallDropped = "niagara.crosscall.dropped";
    public const string CrossCallDroppedUnit = "{mondo}";
    public const string CrossCallDroppedDescription = "Mondos lost because the target was reset or reconfigured its queue first.";

    /// <summary>Counter. Prometheus: niagara_crosscall_retried_total.</summary>
    public const string CrossCallRetried = "niagara.crosscall.retried";
    public const string CrossCallRetriedUnit = "{call}";
    public const string CrossCallRetriedDescription = "cpu_mondo_send calls that returned EWOULDBLOCK (the guest retries them).";

    /// <summary>Counter. Prometheus: niagara_crosscall_errors_total.</summary>
    public const string CrossCallErrors = "niagara.crosscall.errors";
    public const string CrossCallErrorsUnit = "{call}";
    public const string CrossCallErrorsDescription = "cpu_mondo_send calls that returned ENOCPU, EINVAL, ECPUERROR, EBADALIGN or ENORADDR.";

    /// <summary>Histogram. Prometheus: niagara_crosscall_latency_bucket, _sum, _count.</summary>
    public const string CrossCallLatency = "niagara.crosscall.latency";
    public const string CrossCallLatencyUnit = "{cycle}";
    public const string CrossCallLatencyDescription = "Cycles from a mondo's cpu_mondo_send to its target's handling of it.";

    // ---- host side -----------------------------------------------------------------------

    /// <summary>Gauge. Prometheus: niagara_host_simulated_mips.</summary>
    public const string HostSimulatedMips = "niagara.host.simulated_mips";
    public const string HostSimulatedMipsUnit = "{MIPS}";
    public const string HostSimulatedMipsDescription = "Simulated instructions per host wall-clock microsecond since the run started.";

    /// <summary>Counter. Prometheus: niagara_host_quanta_total.</summary>
    public const string HostQuanta = "niagara.host.quanta";
    public const string HostQuantaUnit = "{quantum}";
    public const string HostQuantaDescription = "Quanta completed (boundary steps run).";

    /// <summary>Gauge. Prometheus: niagara_host_quanta_rate_per_second.</summary>
    public const string HostQuantaRate = "niagara.host.quanta_rate";
    public const string HostQuantaRateUnit = "{quantum}/s";
    public const string HostQuantaRateDescription = "Quanta per host wall-clock second since the run started.";

    /// <summary>Counter, attribute host_thread. Prometheus: niagara_host_thread_busy_time_seconds_total.</summary>
    public const string HostThreadBusyTime = "niagara.host.thread.busy_time";
    public const string HostThreadBusyTimeUnit = "s";
    public const string HostThreadBusyTimeDescription = "Host wall-clock time the host thread spent running strands (its rate is the thread's utilisation).";

    /// <summary>Gauge. Prometheus: niagara_host_threads.</summary>
    public const string HostThreads = "niagara.host.threads";
    public const string HostThreadsUnit = "{thread}";
    public const string HostThreadsDescription = "Host threads running strands (--host-threads).";

    // ---- timing model (only with --timing t1 or t1-reference) -----------------------------

    /// <summary>
    /// Counter, attributes strand, core and component (issued, issue_slot, pipeline,
    /// instruction_miss, l1_miss, l2_miss, atomic, fpu, muldiv, store_buffer, contention, idle;
    /// they add up to the strand's timed cycles; idle is cpu_yield, stopped and boundary waits).
    /// Prometheus: niagara_strand_cpi_stack_total.
    /// </summary>
    public const string StrandCpiStack = "niagara.strand.cpi_stack";
    public const string StrandCpiStackUnit = "{cycle}";
    public const string StrandCpiStackDescription = "Where the strand's cycles went (timing model CPI stack).";

    /// <summary>Counter, attributes core and cache (l1i, l1d, l2: the core's requests to the L2). Prometheus: niagara_cache_accesses_total.</summary>
    public const string CacheAccesses = "niagara.cache.accesses";
    public const string CacheAccessesUnit = "{access}";
    public const string CacheAccessesDescription = "Cache lookups per core: L1I fetch lines, L1D loads, requests sent to the L2.";

    /// <summary>Counter, attributes core and cache. Prometheus: niagara_cache_misses_total.</summary>
    public const string CacheMisses = "niagara.cache.misses";
    public const string CacheMissesUnit = "{miss}";
    public const string CacheMissesDescription = "Cache misses per core (L2: the core's requests that missed the L2).";

    /// <summary>Counter, attributes bank and result (hit, miss). Prometheus: niagara_l2_bank_accesses_total.</summary>
    public const string L2BankAccesses = "niagara.l2.bank.accesses";
    public const string L2BankAccessesUnit = "{access}";
    public const string L2BankAccessesDescription = "L2 accesses per bank, hits and misses, as of the last quantum boundary.";

    /// <summary>Counter, attributes direction (pcx: core to cache, cpx: cache to core) and destination. Prometheus: niagara_crossbar_packets_total.</summary>
    public const string CrossbarPackets = "niagara.crossbar.packets";
    public const string CrossbarPacketsUnit = "{packet}";
    public const string CrossbarPacketsDescription = "Crossbar packets per destination (one per cycle at most: its rate over the cycle rate is the utilisation).";

    /// <summary>Counter, attributes direction and destination. Prometheus: niagara_crossbar_wait_cycles_total.</summary>
    public const string CrossbarWaitCycles = "niagara.crossbar.wait_cycles";
    public const string CrossbarWaitCyclesUnit = "{cycle}";
    public const string CrossbarWaitCyclesDescription = "Cycles crossbar requests waited for arbitration.";

    /// <summary>Counter, attribute controller. Prometheus: niagara_dram_bytes_total.</summary>
    public const string DramBytes = "niagara.dram.bytes";
    public const string DramBytesUnit = "By";
    public const string DramBytesDescription = "Bytes the DRAM controller moved (line fills and write-backs).";

    /// <summary>Counter, attribute controller. Prometheus: niagara_dram_busy_cycles_total.</summary>
    public const string DramBusyCycles = "niagara.dram.busy_cycles";
    public const string DramBusyCyclesUnit = "{cycle}";
    public const string DramBusyCyclesDescription = "Cycles the controller's data bus was transferring.";

    /// <summary>Counter. Prometheus: niagara_fpu_operations_total.</summary>
    public const string FpuOperations = "niagara.fpu.operations";
    public const string FpuOperationsUnit = "{operation}";
    public const string FpuOperationsDescription = "Operations the shared FPU executed.";
}
