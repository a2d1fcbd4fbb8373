/* Calls a system call number no kernel has (999) with the 64-bit trap, ta 0x6d. */
#include <stdio.h>

int main(void)
{
    printf("calling syscall 999\n");
    fflush(stdout);
    register long number __asm__("g1") = 999;
    register long result __asm__("o0") = 0;
    __asm__ volatile("ta 0x6d" : "+r"(result) : "r"(number) : "memory", "cc");
    printf("returned %ld\n", result);
    return 0;
}
