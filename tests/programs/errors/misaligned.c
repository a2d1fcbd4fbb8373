/* An 8-byte load from an address that is 4 mod 8: SIGBUS on SPARC (exit status 135). */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    static uint64_t words[4] = {1, 2, 3, 4};
    volatile uintptr_t address = (uintptr_t)words + 4;
    printf("loading from a misaligned address\n");
    fflush(stdout);
    return (int)*(volatile uint64_t *)address;
}
