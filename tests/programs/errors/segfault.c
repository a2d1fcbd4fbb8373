/* Loads through a null pointer plus 8: dies of SIGSEGV (exit status 139 under qemu-user). */
#include <stdio.h>

struct node {
    long key;
    long value;
};

__attribute__((noinline)) static long value_of(struct node *n)
{
    return n->value;
}

int main(void)
{
    printf("before the fault\n");
    fflush(stdout);
    struct node *volatile missing = 0;
    return (int)value_of(missing);
}
