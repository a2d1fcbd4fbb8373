/* Driver of the random differential tester (tests/Niagara.IntegrationTests/RandomDifferential).
   The generated assembly file provides random_run and the tables below. For every sequence this
   prints one line: its index, then every value of its register dump in hex (the usable integer
   registers, %y, %ccr), in the order of SequenceRegisters.cs.
   Formatting is done by hand and written in large blocks: printf would cost far more guest
   instructions than the sequences themselves. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

extern void random_run(const uint32_t *body, const uint64_t *init, uint64_t *out);
extern const uint32_t *const random_bodies[];
extern const uint64_t random_init[];
extern const uint32_t random_sequence_count;
extern const uint32_t random_value_count;

#define MAX_VALUES 64

static char buffer[1 << 16];
static size_t used;

static void flush(void)
{
    size_t done = 0;
    while (done < used) {
        ssize_t n = write(1, buffer + done, used - done);
        if (n <= 0)
            exit(2);
        done += (size_t)n;
    }
    used = 0;
}

static void put_hex(uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    for (int shift = 60; shift >= 0; shift -= 4)
        buffer[used++] = digits[(v >> shift) & 0xf];
}

static void put_index(uint32_t v)
{
    char reversed[10];
    int n = 0;
    do {
        reversed[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (int pad = n; pad < 5; pad++)
        buffer[used++] = '0';
    while (n > 0)
        buffer[used++] = reversed[--n];
}

int main(void)
{
    uint64_t out[MAX_VALUES];
    if (random_value_count > MAX_VALUES)
        return 3;
    for (uint32_t i = 0; i < random_sequence_count; i++) {
        random_run(random_bodies[i], &random_init[(size_t)i * random_value_count], out);
        if (used + 16 + 17 * MAX_VALUES > sizeof buffer)
            flush();
        put_index(i);
        for (uint32_t k = 0; k < random_value_count; k++) {
            buffer[used++] = ' ';
            put_hex(out[k]);
        }
        buffer[used++] = '\n';
    }
    flush();
    return 0;
}
