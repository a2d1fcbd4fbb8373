/* Executes an illegal instruction word (an unimplemented op2 encoding): SIGILL (exit status 132). */
#include <stdio.h>

int main(void)
{
    printf("executing an illegal instruction\n");
    fflush(stdout);
    __asm__ volatile(".word 0x00000000");
    return 0;
}
