/* Exits with 42 through exit(): atexit handlers run in reverse order and stdio is flushed
 * (stdout is fully buffered into a pipe, so the flush at exit matters). */
#include <stdio.h>
#include <stdlib.h>

static void first(void)
{
    printf("atexit first (runs last)\n");
}

static void second(void)
{
    printf("atexit second (runs first)\n");
}

int main(void)
{
    atexit(first);
    atexit(second);
    printf("buffered line before exit\n");
    fprintf(stderr, "exiting with 42\n");
    exit(42);
}
