/* malloc/realloc/calloc/free of multi-megabyte buffers (mmap'd chunks and brk growth) and
 * many small allocations. Prints checksums only, never addresses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t sum(const unsigned char *p, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i += 64)
        h = h * 31 + p[i];
    return h + p[n - 1];
}

int main(void)
{
    size_t sizes[] = {1u << 20, 3u << 20, 8u << 20};
    for (int i = 0; i < 3; i++) {
        unsigned char *p = malloc(sizes[i]);
        if (!p) {
            printf("malloc %zu failed\n", sizes[i]);
            return 1;
        }
        memset(p, 0x5a + i, sizes[i]);
        for (size_t k = 0; k < sizes[i]; k += 4096)
            p[k] = (unsigned char)(k >> 12);
        printf("malloc %zu sum %lu\n", sizes[i], sum(p, sizes[i]));
        /* Grow: the first part must survive the move. */
        p = realloc(p, sizes[i] * 2);
        if (!p) {
            printf("realloc failed\n");
            return 1;
        }
        memset(p + sizes[i], 0xa5, sizes[i]);
        printf("realloc %zu sum %lu\n", sizes[i] * 2, sum(p, sizes[i] * 2));
        p = realloc(p, 1000);
        printf("shrunk sum %lu\n", sum(p, 1000));
        free(p);
    }

    unsigned char *z = calloc(5, 1u << 20);
    size_t nonzero = 0;
    for (size_t i = 0; i < (5u << 20); i += 512)
        nonzero += z[i] != 0;
    printf("calloc nonzero %zu\n", nonzero);
    free(z);

    /* Many small blocks, freed in an interleaved order to exercise the bins. */
    enum { COUNT = 6000 };
    static unsigned char *blocks[COUNT];
    uint64_t h = 0;
    for (int i = 0; i < COUNT; i++) {
        size_t n = 1 + (size_t)((i * 7919) % 700);
        blocks[i] = malloc(n);
        memset(blocks[i], i & 0xff, n);
    }
    for (int i = 0; i < COUNT; i += 2) {
        h = h * 3 + blocks[i][0];
        free(blocks[i]);
        blocks[i] = NULL;
    }
    for (int i = 0; i < COUNT; i += 2)
        blocks[i] = malloc(64);
    for (int i = 0; i < COUNT; i++) {
        if (i % 2)
            h = h * 3 + blocks[i][0];
        free(blocks[i]);
    }
    printf("small blocks hash %lu\n", h);

    void *big = malloc(64u << 20);
    printf("64 MiB malloc %s\n", big ? "ok" : "failed");
    if (big) {
        memset(big, 1, 64u << 20);
        printf("64 MiB last byte %d\n", ((unsigned char *)big)[(64u << 20) - 1]);
    }
    free(big);
    return 0;
}
