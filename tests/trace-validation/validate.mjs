// Parses a Chrome trace-event file (as `niagara trace` writes it) with @tracerbench/trace-model
// and prints what it found as one JSON object on stdout, for the integration tests to compare
// with what the writer says it wrote. Exit status 1 when the file cannot be read or parsed.
//
// Besides the parser's own model it checks what the Perfetto UI relies on: every event has
// cat/ph/ts/pid/tid, events are in timestamp order, "X" slices on a thread nest properly, and
// every flow event ("s", "f" with bp "e") lies inside a slice of its thread and pairs by id.
//
// usage: node validate.mjs TRACE.json

import { readFileSync } from 'node:fs';
import { buildModel } from '@tracerbench/trace-model';

const path = process.argv[2];
if (!path) {
  console.error('usage: node validate.mjs TRACE.json');
  process.exit(2);
}

let trace;
let model;
try {
  trace = JSON.parse(readFileSync(path, 'utf8'));
  model = buildModel(trace);
} catch (e) {
  console.error(`validate.mjs: ${path}: ${e.message}`);
  process.exit(1);
}

const events = Array.isArray(trace) ? trace : trace.traceEvents;
const phases = {};
const categories = {};
let missingFields = 0;
let outOfOrder = 0;
let lastTs = -Infinity;
for (const e of events) {
  phases[e.ph] = (phases[e.ph] ?? 0) + 1;
  categories[e.cat] = (categories[e.cat] ?? 0) + 1;
  for (const field of ['cat', 'ph', 'ts', 'pid', 'tid', 'name']) {
    if (e[field] === undefined) {
      missingFields++;
      break;
    }
  }
  if (e.ph !== 'M') {
    if (e.ts < lastTs) outOfOrder++;
    lastTs = e.ts;
  }
}

// Flows pair by id: one "s" and one "f" each.
const flowStarts = new Map();
const flowEnds = new Map();
for (const e of events) {
  if (e.ph === 's') flowStarts.set(e.id, (flowStarts.get(e.id) ?? 0) + 1);
  if (e.ph === 'f') flowEnds.set(e.id, (flowEnds.get(e.id) ?? 0) + 1);
}
let paired = 0;
for (const [id, n] of flowStarts) {
  if (n === 1 && flowEnds.get(id) === 1) paired++;
}

// Times as a viewer keeps them: whole nanoseconds, round(us * 1000) like Perfetto's importer,
// so nesting is judged in integers (floats would see ts + dur overshoot by an ulp).
const ns = (us) => Math.round(us * 1000);
const startNs = (e) => ns(e.traceEvent.ts);
const endNs = (e) => startNs(e) + (e.ph === 'X' ? ns(e.traceEvent.dur) : 0);

// Per thread, in the model's order: a stack of open slices gives nesting and flow binding.
let nestingViolations = 0;
let unboundFlows = 0;
let endBindings = 0;
const threads = [];
const processes = [];
for (const proc of model.processes) {
  processes.push({ pid: proc.id, name: proc.name, threads: proc.threads.length });
  for (const thread of proc.threads) {
    threads.push({ pid: proc.id, tid: thread.id, name: thread.name, events: thread.events.filter((e) => e.ph !== 'M').length });
    const stack = [];
    const top = () => stack[stack.length - 1];
    for (const e of thread.events) {
      if (e.ph === 'M') continue;
      const start = startNs(e);
      while (stack.length > 0 && top().end < start) stack.pop();
      if (e.ph === 'X') {
        // A slice that ends where this one starts is a sibling, unless both start here.
        while (stack.length > 0 && top().end <= start && top().start < start) stack.pop();
        if (stack.length > 0 && endNs(e) > top().end) nestingViolations++;
        stack.push({ start, end: endNs(e) });
      } else if (e.ph === 's' || e.ph === 'f') {
        if (stack.length === 0) unboundFlows++;
        if (e.ph === 'f' && e.traceEvent.bp === 'e') endBindings++;
      }
    }
  }
}

console.log(JSON.stringify({
  events: events.length,
  modelEvents: model.events.length,
  phases,
  categories,
  missingFields,
  outOfOrder,
  processes,
  threads,
  flows: { starts: flowStarts.size, ends: flowEnds.size, paired, unbound: unboundFlows, enclosingEnds: endBindings },
  nestingViolations,
  start: model.start,
  end: model.end,
  metadata: model.metadata,
}));
