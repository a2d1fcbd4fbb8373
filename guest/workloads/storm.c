/*
 * storm: a cross-call broadcast storm. Every strand sends ROUNDS broadcasts to all the
 * others at once. Each target has a one-slot mailbox and a cpu-mondo queue of only
 * QUEUE_ENTRIES entries (one always unused, ref §3), so senders meet full targets and get
 * EWOULDBLOCK; rt_xcall retries the targets still listed until all took the mondo.
 * Every receiver checks that each sender's mondos arrive exactly once and in order, with
 * intact data. The totals printed do not depend on timing; the "timing:" line does.
 */
#include "rt.h"

#define ROUNDS 6
#define QUEUE_ENTRIES 4

const unsigned rt_mondo_queue_entries = QUEUE_ENTRIES;

/* received[r][s]: mondos receiver r took from sender s; only r's handler writes row r. */
static volatile uint64_t received[RT_MAX_STRANDS][RT_MAX_STRANDS];
static volatile uint64_t received_total[RT_MAX_STRANDS];
static volatile uint64_t out_of_order[RT_MAX_STRANDS];
static volatile uint64_t corrupt[RT_MAX_STRANDS];
static uint64_t wouldblocks[RT_MAX_STRANDS];
static uint64_t sent[RT_MAX_STRANDS];
static rt_barrier_t start_line, finish_line;

static uint64_t signature(uint64_t sender, uint64_t round, uint64_t word)
{
	uint64_t x = (sender << 48) ^ (round << 24) ^ word ^ 0x9e3779b97f4a7c15UL;
	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9UL;
	return x ^ (x >> 29);
}

static void storm_handler(const uint64_t m[8])
{
	uint64_t me = rt_myid(), sender = m[1], round = m[2];

	if (sender >= RT_MAX_STRANDS) {
		corrupt[me]++;
		return;
	}
	if (round != received[me][sender])
		out_of_order[me]++;
	for (uint64_t w = 3; w < 8; w++) {
		if (m[w] != signature(sender, round, w))
			corrupt[me]++;
	}
	received[me][sender]++;
	received_total[me]++;
}

static void storm(void *unused)
{
	(void)unused;
	uint64_t me = rt_myid(), targets[RT_MAX_STRANDS], msg[8];
	int n = 0;

	for (int i = 0; i < rt_nstrands; i++) {
		if (rt_strand_ids[i] != me)
			targets[n++] = rt_strand_ids[i];
	}
	rt_barrier_wait(&start_line);   /* every queue is configured before anyone sends */
	for (uint64_t round = 0; round < ROUNDS; round++) {
		msg[0] = (uint64_t)storm_handler;
		msg[1] = me;
		msg[2] = round;
		for (uint64_t w = 3; w < 8; w++)
			msg[w] = signature(me, round, w);
		long st = rt_xcall(targets, n, msg, &wouldblocks[me]);
		if (st != HV_EOK)
			rt_panic("strand %lu round %lu: cpu_mondo_send -> %s", me, round, hv_status_name(st));
		sent[me] += (uint64_t)n;
	}
	rt_wait_eq(&received_total[me], (uint64_t)n * ROUNDS);
	rt_barrier_wait(&finish_line);
}

int main(void)
{
	if (rt_nstrands < 2) {
		printf("storm: needs 2 strands, the domain has %d\n", rt_nstrands);
		return RT_EXIT_FAILED;
	}
	rt_barrier_init(&start_line, (uint64_t)rt_nstrands);
	rt_barrier_init(&finish_line, (uint64_t)rt_nstrands);
	rt_start_others(storm, NULL);
	storm(NULL);
	rt_join_others();

	uint64_t total_sent = 0, total_received = 0, retries = 0, bad = 0, missing = 0;
	for (int i = 0; i < rt_nstrands; i++) {
		uint64_t r = rt_strand_ids[i];
		total_sent += sent[r];
		total_received += received_total[r];
		retries += wouldblocks[r];
		bad += out_of_order[r] + corrupt[r];
		for (int j = 0; j < rt_nstrands; j++) {
			uint64_t s = rt_strand_ids[j];
			if (s != r && received[r][s] != ROUNDS) {
				printf("storm: strand %lu got %lu mondos from strand %lu, expected %d\n", r,
				       received[r][s], s, ROUNDS);
				missing++;
			}
		}
	}
	uint64_t expected = (uint64_t)rt_nstrands * (uint64_t)(rt_nstrands - 1) * ROUNDS;
	printf("storm: %d strands x %d broadcasts: %lu mondos sent, %lu handled (expected %lu)\n",
	       rt_nstrands, ROUNDS, total_sent, total_received, expected);
	printf("storm: %lu out of order or corrupt, %lu sender/receiver pairs short\n", bad, missing);
	printf("storm: timing: %lu EWOULDBLOCK retries (queues of %d entries)\n", retries, QUEUE_ENTRIES);
	int ok = total_sent == expected && total_received == expected && bad == 0 && missing == 0;
	printf("storm: %s\n", ok ? "OK" : "FAILED");
	return ok ? RT_EXIT_OK : RT_EXIT_FAILED;
}
