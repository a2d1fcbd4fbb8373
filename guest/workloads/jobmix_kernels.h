/*
 * The jobmix work items: plain integer C, also compiled for the host by tools/jobmix_ref.c
 * to compute the checksum jobmix.c expects. Results depend only on the item number.
 */
#ifndef JOBMIX_KERNELS_H
#define JOBMIX_KERNELS_H

#include <stdint.h>

#define JOBMIX_ITEMS     240
#define JOBMIX_CRC_BYTES 512
#define JOBMIX_SIEVE_MAX 4096

static inline uint64_t jobmix_xorshift(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

/* CRC-32 (IEEE, reflected, bit at a time) of JOBMIX_CRC_BYTES pseudo-random bytes. */
static inline uint64_t jobmix_crc(uint64_t item, uint8_t *buf)
{
	uint64_t state = 0x2545f4914f6cdd1dUL ^ (item * 0x9e3779b97f4a7c15UL);
	for (int i = 0; i < JOBMIX_CRC_BYTES; i++)
		buf[i] = (uint8_t)(jobmix_xorshift(&state) >> 56);
	uint32_t crc = 0xffffffffu;
	for (int i = 0; i < JOBMIX_CRC_BYTES; i++) {
		crc ^= buf[i];
		for (int b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return ~crc & 0xffffffffu;
}

/* The number of primes below a limit between 2048 and 4095 (sieve of Eratosthenes). */
static inline uint64_t jobmix_sieve(uint64_t item, uint8_t *composite)
{
	uint64_t limit = 2048 + (item * 2654435761UL) % 2048;
	for (uint64_t i = 0; i < limit; i++)
		composite[i] = 0;
	uint64_t primes = 0;
	for (uint64_t i = 2; i < limit; i++) {
		if (composite[i])
			continue;
		primes++;
		for (uint64_t j = i * i; j < limit; j += i)
			composite[j] = 1;
	}
	return primes;
}

/* 2000 rounds of a 64-bit multiply-xorshift mix (the murmur3 finaliser). */
static inline uint64_t jobmix_hash(uint64_t item)
{
	uint64_t x = item + 1;
	for (int i = 0; i < 2000; i++) {
		x ^= x >> 33;
		x *= 0xff51afd7ed558ccdUL;
		x ^= x >> 33;
		x *= 0xc4ceb9fe1a85ec53UL;
		x ^= x >> 33;
		x += (uint64_t)i;
	}
	return x;
}

static inline uint64_t jobmix_run(uint64_t item, uint8_t *scratch)
{
	switch (item % 3) {
	case 0: return jobmix_crc(item, scratch);
	case 1: return jobmix_sieve(item, scratch);
	default: return jobmix_hash(item);
	}
}

/* Folds the results in item order, so it does not matter which strand ran which item. */
static inline uint64_t jobmix_checksum(const uint64_t *results)
{
	uint64_t sum = 0xcbf29ce484222325UL;
	for (int i = 0; i < JOBMIX_ITEMS; i++) {
		sum ^= results[i];
		sum *= 0x100000001b3UL;
	}
	return sum;
}

#endif
