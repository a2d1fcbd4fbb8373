/*
 * pingpong: cross-call latency. The boot strand (A) and the next strand (B) exchange
 * ROUNDS cross-calls: A sends "ping n", B's handler records it, B's main loop answers
 * "pong n", A's handler records that; A times each round trip with %tick. Under the quantum
 * protocol a cpu_mondo_send lands at the next quantum boundary, so a round trip costs about
 * two quanta plus the handlers.
 */
#include "rt.h"

#define ROUNDS 64

static volatile uint64_t pings_seen;    /* written by B's handler */
static volatile uint64_t pongs_seen;    /* written by A's handler */
static volatile uint64_t finished;
static volatile uint64_t bad_sequence;
static uint64_t partner_wouldblocks;

static void ping_handler(const uint64_t m[8])
{
	if (m[1] != pings_seen + 1)
		bad_sequence++;
	pings_seen = m[1];
}

static void pong_handler(const uint64_t m[8])
{
	if (m[1] != pongs_seen + 1)
		bad_sequence++;
	pongs_seen = m[1];
}

static void partner(void *arg)
{
	uint64_t a = (uint64_t)arg;
	uint64_t answered = 0;
	uint64_t msg[8] = { (uint64_t)pong_handler };

	while (!finished) {
		if (pings_seen > answered) {
			answered++;
			msg[1] = answered;
			long st = rt_xcall(&a, 1, msg, &partner_wouldblocks);
			if (st != HV_EOK)
				rt_panic("pong %lu: cpu_mondo_send -> %s", answered, hv_status_name(st));
		}
	}
}

int main(void)
{
	uint64_t me = rt_myid(), b = RT_MAX_STRANDS;
	for (int i = 0; i < rt_nstrands; i++) {
		if (rt_strand_ids[i] != me) {
			b = rt_strand_ids[i];
			break;
		}
	}
	if (b == RT_MAX_STRANDS) {
		printf("pingpong: needs 2 strands, the domain has %d\n", rt_nstrands);
		return RT_EXIT_FAILED;
	}
	long st = rt_start(b, partner, (void *)me);
	if (st != HV_EOK)
		rt_panic("cpu_start(%lu) -> %s", b, hv_status_name(st));
	rt_wait_eq(&rt_strands[b].state, RT_STRAND_RUNNING);

	uint64_t msg[8] = { (uint64_t)ping_handler };
	uint64_t total = 0, least = ~0UL, most = 0, wouldblocks = 0;
	for (uint64_t n = 1; n <= ROUNDS; n++) {
		msg[1] = n;
		uint64_t t0 = rt_tick();
		st = rt_xcall(&b, 1, msg, &wouldblocks);
		if (st != HV_EOK)
			rt_panic("ping %lu: cpu_mondo_send -> %s", n, hv_status_name(st));
		rt_wait_eq(&pongs_seen, n);
		uint64_t dt = rt_tick() - t0;
		total += dt;
		least = dt < least ? dt : least;
		most = dt > most ? dt : most;
	}
	finished = 1;
	rt_join(b);

	int ok = pongs_seen == ROUNDS && pings_seen == ROUNDS && bad_sequence == 0;
	printf("pingpong: %lu of %d round trips between strands %lu and %lu completed\n", pongs_seen, ROUNDS,
	       me, b);
	printf("pingpong: timing: %lu cycles per round trip (min %lu, max %lu), %lu EWOULDBLOCK retries\n",
	       total / ROUNDS, least, most, wouldblocks + partner_wouldblocks);
	printf("pingpong: %s\n", ok ? "OK" : "FAILED (lost, repeated or reordered cross-calls)");
	return ok ? RT_EXIT_OK : RT_EXIT_FAILED;
}
