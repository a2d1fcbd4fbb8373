/* memcpy/memmove/memset/memcmp/strcmp/strlen/strchr/... over large and unaligned buffers:
 * large sizes make glibc take its VIS block-load/block-store paths. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG (128u << 10)

/* Word-at-a-time hash: cheap enough that the string functions dominate the run. */
static uint64_t hash(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 1099511628211ull;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

static void fill(unsigned char *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i += 8) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        memcpy(p + i, &seed, 8); /* n is a multiple of 8 */
    }
}

int main(void)
{
    unsigned char *src = malloc(BIG + 64), *dst = malloc(BIG + 64);
    fill(src, BIG + 64, 1);
    const size_t lens[] = {0, 1, 7, 8, 15, 63, 64, 65, 255, 256, 1000, 4096, 65537, BIG - 64};
    const size_t offs[] = {0, 1, 3, 7, 8, 13};
    for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        uint64_t h = 0;
        size_t len = lens[li];
        for (size_t so = 0; so < 6; so++) {
            for (size_t d = 0; d < 6; d++) {
                if (len >= 4096 && (so + d) % 6 != 0)
                    continue; /* keeps the instruction count small */
                memset(dst, 0xee, len + 32);
                memcpy(dst + offs[d], src + offs[so], len);
                h = h * 31 + hash(dst, len + 16) + (uint64_t)memcmp(dst + offs[d], src + offs[so], len);
            }
        }
        printf("memcpy len %zu hash %lu\n", len, h);
    }

    /* Overlapping moves both ways. */
    for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        size_t len = lens[li] > BIG - 64 ? BIG - 64 : lens[li];
        memcpy(dst, src, len + 64);
        memmove(dst + 5, dst, len);
        uint64_t h1 = hash(dst, len + 8);
        memmove(dst, dst + 9, len);
        uint64_t h2 = hash(dst, len + 8);
        memmove(dst + 64, dst, len / 2);
        printf("memmove len %zu: %lu %lu %lu\n", len, h1, h2, hash(dst, len / 2 + 64));
    }

    for (size_t d = 0; d < 6; d++) {
        memset(dst, 0, BIG + 32);
        memset(dst + offs[d], 0x3c + (int)d, BIG - 100);
        memset(dst + offs[d] + 10, 0, 77);
        printf("memset off %zu hash %lu\n", offs[d], hash(dst, BIG + 32));
    }

    /* Strings: a long string, terminators at unaligned positions. */
    char *s = (char *)dst, *t = (char *)src;
    for (size_t i = 0; i < 100000; i++)
        s[i] = (char)('a' + i % 26);
    s[100000] = 0;
    memcpy(t, s, 100001);
    printf("strlen %zu %zu %zu\n", strlen(s), strlen(s + 3), strlen(s + 99999));
    printf("strcmp %d", strcmp(s, t) == 0);
    t[23457] = 'A';
    printf(" %d %d", strcmp(s, t) > 0, strcmp(t + 1, s + 1) < 0);
    printf(" strncmp %d %d\n", strncmp(s, t, 23457), strncmp(s, t, 23458) > 0);
    printf("strchr %ld %ld %ld\n", strchr(s, 'z') - s, strchr(s + 26 * 100 + 1, 'a') - s,
           strchr(s, 'A') ? 1L : 0L);
    printf("strrchr %ld memchr %ld strstr %ld\n", strrchr(s, 'b') - s,
           (char *)memchr(t, 'A', 100000) - t, strstr(s + 5, "xyzabc") - s);
    char small[64];
    strcpy(small, "hello, ");
    const char *more = t + 99990; /* a runtime source keeps -Wstringop-truncation quiet */
    strncat(small, more, 5);
    printf("strcpy/strncat '%s' %zu\n", small, strlen(small));
    strncpy(small, "abc", 10);
    printf("strncpy '%s' pad %d\n", small, small[9]);
    printf("strspn %zu strcspn %zu\n", strspn("aaabbbc", "ab"), strcspn("hello world", " w"));
    return 0;
}
