/* __atomic and __sync builtins on 8/16/32/64-bit objects (single-threaded): CAS, fetch-ops,
 * exchange, test-and-set. On SPARC these are cas/casx loops, ldstub and swap. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define TEST_WIDTH(T, FMT)                                                                       \
    do {                                                                                         \
        static T v;                                                                              \
        T expected, old;                                                                         \
        v = (T)10;                                                                               \
        old = __atomic_fetch_add(&v, (T)5, __ATOMIC_SEQ_CST);                                    \
        printf(#T " fetch_add old=" FMT " now=" FMT "\n", old, v);                               \
        old = __atomic_fetch_sub(&v, (T)20, __ATOMIC_ACQ_REL);                                   \
        printf(#T " fetch_sub old=" FMT " now=" FMT "\n", old, v);                               \
        old = __atomic_fetch_or(&v, (T)0x70, __ATOMIC_RELAXED);                                  \
        old ^= __atomic_fetch_and(&v, (T)0x5f, __ATOMIC_RELAXED);                                \
        old ^= __atomic_fetch_xor(&v, (T)0x33, __ATOMIC_RELAXED);                                \
        printf(#T " or/and/xor mix=" FMT " now=" FMT "\n", old, v);                              \
        T r = __atomic_add_fetch(&v, (T)1, __ATOMIC_SEQ_CST);                                    \
        printf(#T " add_fetch " FMT "\n", r);                                                    \
        old = __atomic_exchange_n(&v, (T)99, __ATOMIC_SEQ_CST);                                  \
        printf(#T " exchange old=" FMT " now=" FMT "\n", old, v);                                \
        expected = (T)98;                                                                        \
        bool ok = __atomic_compare_exchange_n(&v, &expected, (T)7, false, __ATOMIC_SEQ_CST,      \
                                              __ATOMIC_SEQ_CST);                                 \
        printf(#T " cas(98->7) ok=%d expected=" FMT " now=" FMT "\n", ok, expected, v);          \
        ok = __atomic_compare_exchange_n(&v, &expected, (T)7, true, __ATOMIC_SEQ_CST,            \
                                         __ATOMIC_RELAXED);                                      \
        while (!ok) /* weak CAS may fail spuriously */                                           \
            ok = __atomic_compare_exchange_n(&v, &expected, (T)7, true, __ATOMIC_SEQ_CST,        \
                                             __ATOMIC_RELAXED);                                  \
        printf(#T " cas(99->7) ok=%d now=" FMT "\n", ok, v);                                     \
        old = __sync_fetch_and_add(&v, (T)3);                                                    \
        printf(#T " sync_fetch_and_add old=" FMT " now=" FMT "\n", old, v);                      \
        old = __sync_val_compare_and_swap(&v, (T)10, (T)-1);                                     \
        printf(#T " sync_val_cas old=" FMT " now=" FMT "\n", old, v);                            \
        ok = __sync_bool_compare_and_swap(&v, (T)5, (T)6);                                       \
        printf(#T " sync_bool_cas ok=%d now=" FMT "\n", ok, v);                                  \
        old = __sync_lock_test_and_set(&v, (T)1);                                                \
        __sync_lock_release(&v);                                                                 \
        printf(#T " lock_test_and_set old=" FMT " after release=" FMT "\n", old, v);             \
        __atomic_store_n(&v, (T)0x7f, __ATOMIC_RELEASE);                                         \
        printf(#T " load " FMT "\n", __atomic_load_n(&v, __ATOMIC_ACQUIRE));                     \
    } while (0)

int main(void)
{
    TEST_WIDTH(uint8_t, "%u");
    TEST_WIDTH(int16_t, "%d");
    TEST_WIDTH(int32_t, "%d");
    TEST_WIDTH(uint32_t, "%u");
    TEST_WIDTH(int64_t, "%ld");
    TEST_WIDTH(uint64_t, "%lu");

    static volatile bool flag;
    bool was = __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST);
    bool again = __atomic_test_and_set(&flag, __ATOMIC_SEQ_CST);
    __atomic_clear(&flag, __ATOMIC_SEQ_CST);
    printf("test_and_set %d %d cleared %d\n", was, again, flag);

    /* A CAS-loop counter: the common lock-free update pattern. */
    static uint64_t counter;
    for (int i = 0; i < 100000; i++) {
        uint64_t cur = __atomic_load_n(&counter, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&counter, &cur, cur * 3 + 1, true, __ATOMIC_ACQ_REL,
                                            __ATOMIC_RELAXED))
            ;
    }
    printf("cas loop counter %lu\n", counter);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __sync_synchronize();
    printf("lock free 8=%d 16=%d 32=%d 64=%d\n", __atomic_always_lock_free(1, 0),
           __atomic_always_lock_free(2, 0), __atomic_always_lock_free(4, 0),
           __atomic_always_lock_free(8, 0));
    return 0;
}
