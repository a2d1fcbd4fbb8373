/* qsort of ints, doubles and structs (stable-ized with an index tiebreak) plus bsearch. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct rec {
    int key;
    int index;
    double weight;
};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_double_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->index - y->index;
}

static uint32_t state = 12345;

static uint32_t rnd(void)
{
    state = state * 1664525u + 1013904223u;
    return state >> 8;
}

int main(void)
{
    enum { N = 12000, R = 5000 };
    static int ints[N];
    static double dbl[N];
    static struct rec recs[R];
    for (int i = 0; i < N; i++) {
        ints[i] = (int)(rnd() % 100000) - 50000;
        dbl[i] = (double)rnd() / 3.0;
    }
    for (int i = 0; i < R; i++) {
        recs[i].key = (int)(rnd() % 500);
        recs[i].index = i;
        recs[i].weight = i * 0.5;
    }
    qsort(ints, N, sizeof ints[0], cmp_int);
    qsort(dbl, N, sizeof dbl[0], cmp_double_desc);
    qsort(recs, R, sizeof recs[0], cmp_rec);
    uint64_t h = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        h = h * 31 + (uint32_t)ints[i];
        if (i && (ints[i - 1] > ints[i] || dbl[i - 1] < dbl[i]))
            sorted = 0;
    }
    for (int i = 0; i < R; i++)
        h = h * 31 + (uint32_t)recs[i].index;
    printf("sorted %d hash %lu\n", sorted, h);
    printf("min %d max %d median %d\n", ints[0], ints[N - 1], ints[N / 2]);
    printf("dbl first %.6f last %.6f\n", dbl[0], dbl[N - 1]);
    for (int i = 0; i < 10; i++)
        printf("rec %d: key %d index %d weight %.1f\n", i, recs[i].key, recs[i].index,
               recs[i].weight);
    int found = 0;
    for (int k = -50000; k < 50000; k += 97)
        found += bsearch(&k, ints, N, sizeof ints[0], cmp_int) != NULL;
    printf("bsearch found %d\n", found);
    return 0;
}
