/* Greets $GREETING (or "world"), prints its arguments and its environment's size, then exits
 * with the status given as argv[1] (for the exit status, argument and environment tests of
 * `niagara exec`). */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv)
{
    const char *greeting = getenv("GREETING");
    printf("hello, %s\n", greeting ? greeting : "world");
    for (int i = 1; i < argc; i++)
        printf("arg %d: %s\n", i, argv[i]);
    int n = 0;
    while (environ[n])
        n++;
    printf("env %d\n", n);
    return argc > 1 ? atoi(argv[1]) : 0;
}
